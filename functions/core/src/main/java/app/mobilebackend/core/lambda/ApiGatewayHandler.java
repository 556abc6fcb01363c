package app.mobilebackend.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.json.JsonMapper;
import io.micronaut.web.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda handler of every HTTP function (API Gateway REST proxy events, payload 1.0): Micronaut's, started
 * with {@link #contextBuilder()} instead of its {@code LambdaApplicationContextBuilder}: the same eager start, without
 * deducing the environment.
 *
 * <p>With {@code lambda.priming=invoke} ({@code LAMBDA_PRIMING=invoke}) the handler, once built, sends each of its
 * routes one request without a token through itself, still in the init phase: the event conversion, routing, the
 * filters, the security check and the problem+json answer (401; {@code /health}, open to all, answers itself) are
 * loaded and run once before the first user's request, which then finds them ready (and, with SnapStart, in the
 * snapshot). No token, so no user's data is touched and nothing reaches the audit log.
 *
 * <p>With {@code lambda.priming=classes} it loads the classes of a recorded list instead ({@link ClassPriming}),
 * beside the building of the context, and waits for them before init ends.
 */
public class ApiGatewayHandler extends ApiGatewayProxyRequestEventFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayHandler.class);

    /** Started as the runtime loads this class, before the context: see {@link ClassPriming}. */
    private static final ClassPriming CLASS_PRIMING = ClassPriming.startIfAskedBeforeContext(ApiGatewayHandler.class.getClassLoader());

    /** Set once the context is up (the superclass's constructor starts it), before priming sends its requests. */
    private final ProxyEvents proxyEvents = new ProxyEvents(applicationContext.getBean(JsonMapper.class));

    /** The constructor the Lambda runtime calls. */
    public ApiGatewayHandler() {
        super();
        primeIfAsked();
    }

    /** A handler on a context built elsewhere (tests, the dev server), normally from {@link #contextBuilder()}. */
    public ApiGatewayHandler(ApplicationContext context) {
        super(context);
        primeIfAsked();
    }

    /**
     * Every event gets an answer, never an exception: see {@link ProxyEvents}. A path a client sent with characters
     * a URI cannot hold literally is encoded first ({@link EncodedPaths}), so that it answers as its encoded form does.
     */
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return proxyEvents.answer(event == null ? null : EncodedPaths.encode(event), normalised -> super.handleRequest(normalised, context));
    }

    @Override
    @NonNull
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return contextBuilder();
    }

    /**
     * The Lambda environments, set rather than deduced: deduction reads environment variables and system
     * properties, walks a stack trace looking for test frameworks and probes files, at every cold start, to learn
     * what is known here; cloud deduction would also call the instance metadata service.
     *
     * <p>At start the context builds the configuration (a missing setting stops the function before it serves
     * anything), this function's controllers with what they use (its area's service and repositories, the data
     * source, whose first connection {@link InitPhase} opens with the signing keys) and the request filters with
     * theirs (the token check, the spec's rules for its operations): what its requests need, built in init, where
     * Lambda gives more CPU and SnapStart keeps it. Not every singleton, as Micronaut's Lambda builder does: most of
     * the platform's singletons are never used by one function's routes (token generation, the token propagator,
     * the task scheduler, ...), and building them cost a third of the beans at every cold start. The
     * rest of the request path (routing, body codecs) is built by the first request, or in init with
     * {@code lambda.priming=invoke}.
     */
    public static ApplicationContextBuilder contextBuilder() {
        return ApplicationContext.builder()
            .environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA)
            .deduceEnvironment(false)
            .deduceCloudEnvironment(false)
            .bootstrapEnvironment(false) // no bootstrap configuration (a distributed configuration client) to read
            .eagerInitConfiguration(true)
            .eagerInitSingletons(false)
            .eagerInitAnnotated(Controller.class, Filter.class, ServerFilter.class);
    }

    private void primeIfAsked() {
        String priming = applicationContext.getProperty("lambda.priming", String.class).orElse("none");
        if ("invoke".equals(priming)) {
            primingRequests().forEach(this::prime);
        } else if ("classes".equals(priming)) {
            // set for this JVM: started before the context; set in the context only (tests): started now
            ClassPriming classes = CLASS_PRIMING != null ? CLASS_PRIMING : ClassPriming.start(
                applicationContext.getProperty("lambda.priming.class-list", String.class).orElse(null), ApiGatewayHandler.class.getClassLoader());
            ClassPriming.Result result = classes.await();
            if (result.list() == null) {
                LOG.warn("Class priming: the jar has no {} (built without its integration test), nothing preloaded", ClassPriming.DEFAULT_LIST);
            } else {
                LOG.info("Class priming: {} classes loaded, {} skipped, {} ms ({})", result.loaded(), result.skipped().size(), result.millis(), result.list());
            }
        } else if (!"none".equals(priming)) {
            throw new IllegalStateException("lambda.priming must be invoke, classes or none, not " + priming);
        }
    }

    /**
     * One request per operation of this function, its path variables filled with a placeholder. The router lists
     * an operation once per declaration (generated interface, implementation) and adds HEAD to each GET.
     */
    public List<APIGatewayProxyRequestEvent> primingRequests() {
        Map<String, UriMatchTemplate> operations = new LinkedHashMap<>();
        applicationContext.getBean(Router.class).uriRoutes()
            .filter(route -> !"HEAD".equals(route.getHttpMethodName()))
            .forEach(route -> operations.putIfAbsent(route.getHttpMethodName() + " " + route.getUriMatchTemplate(), route.getUriMatchTemplate()));
        return operations.entrySet().stream().map(operation -> {
            UriMatchTemplate template = operation.getValue();
            Map<String, Object> variables = new HashMap<>();
            template.getVariableNames().forEach(name -> variables.put(name, "priming"));
            return new APIGatewayProxyRequestEvent()
                .withHttpMethod(operation.getKey().substring(0, operation.getKey().indexOf(' ')))
                .withResource(template.toString())
                .withPath(template.expand(variables))
                .withHeaders(Map.of("Accept", "application/json"))
                .withMultiValueHeaders(Map.of("Accept", List.of("application/json")))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("init-priming"));
        }).toList();
    }

    private void prime(APIGatewayProxyRequestEvent request) {
        try {
            var response = handleRequest(request, new MockLambdaContext());
            LOG.debug("Primed {} {}: {}", request.getHttpMethod(), request.getPath(), response.getStatusCode());
        } catch (RuntimeException e) {
            LOG.warn("Priming {} {} failed; the first request will load what it needs", request.getHttpMethod(), request.getPath(), e);
        }
    }
}
