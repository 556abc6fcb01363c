package app.mobilebackend.core.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/**
 * The Lambda handler of every HTTP function (API Gateway REST proxy events, payload 1.0): Micronaut's, started
 * with {@link #contextBuilder()} instead of its {@code LambdaApplicationContextBuilder}: the same eager start, without
 * deducing the environment.
 */
public class ApiGatewayHandler extends ApiGatewayProxyRequestEventFunction {

    /** The constructor the Lambda runtime calls. */
    public ApiGatewayHandler() {
        super();
    }

    /** A handler on a context built elsewhere (tests, the dev server), normally from {@link #contextBuilder()}. */
    public ApiGatewayHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    @NonNull
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return contextBuilder();
    }

    /**
     * The Lambda environments, set rather than deduced: deduction reads environment variables and system
     * properties, walks a stack trace looking for test frameworks and probes files, at every cold start, to learn
     * what is known here; cloud deduction would also call the instance metadata service. Every singleton is built
     * at start, as Micronaut's Lambda builder does: Lambda's init phase runs with more CPU than an invocation, and a
     * missing setting stops the function before it serves anything.
     */
    public static ApplicationContextBuilder contextBuilder() {
        return ApplicationContext.builder()
            .environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA)
            .deduceEnvironment(false)
            .deduceCloudEnvironment(false)
            .bootstrapEnvironment(false) // no bootstrap configuration (a distributed configuration client) to read
            .eagerInitConfiguration(true)
            .eagerInitSingletons(true);
    }
}
