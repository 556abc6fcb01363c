package app.mobilebackend.testkit.jar;

import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in every function module after packaging (failsafe): loads the deployable Lambda jar alone in its own class
 * loader, builds its handler as the Lambda runtime does, and sends it every operation of the spec. Its own operation
 * is served; every other function's answers as a route it does not have (404, or 405 on a path it serves with
 * another method). This is the jar that ships, not the module's test class path.
 *
 * <p>It also records the classes the jar's loader defined, in order, into the file named by
 * {@code lambda.priming.class-list.out}: the function's class list for class priming ({@code LAMBDA_PRIMING=classes}),
 * which the build then puts into the jar as {@code META-INF/lambda-priming-classes.txt}.
 */
class DeployedJarRoutingIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static RecordingLoader jarLoader;
    private static Object handler;
    private static String function;

    @BeforeAll
    static void loadJar() throws Exception {
        Path jar = Path.of(System.getProperty("lambda.jar"));
        function = Path.of(System.getProperty("function.name")).getFileName().toString();
        assertTrue(Files.isRegularFile(jar), "the Lambda jar exists: " + jar);
        FunctionEnvironment.install();
        // Parent: the platform loader only, so nothing from this test's class path leaks into the function.
        jarLoader = new RecordingLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        // As in the Lambda runtime, the function's loader is the context loader (ServiceLoader looks there).
        Thread.currentThread().setContextClassLoader(jarLoader);
        handler = jarLoader.loadClass(System.getProperty("lambda.handler")).getConstructor().newInstance();
    }

    @AfterAll
    static void close() throws Exception {
        String classList = System.getProperty("lambda.priming.class-list.out");
        if (classList != null && handler != null) {
            List<String> lines = new ArrayList<>();
            lines.add("# Classes of " + Path.of(System.getProperty("lambda.jar")).getFileName() + " loaded by its start and one request per "
                + "operation of the spec (DeployedJarRoutingIT), in order: read by LAMBDA_PRIMING=classes");
            lines.addAll(jarLoader.defined);
            Files.write(Path.of(classList), lines);
        }
        if (handler instanceof AutoCloseable closeable) {
            closeable.close();
        }
        jarLoader.close();
    }

    /** The jar's own loader, which notes each class it defines (the JDK's come from the platform loader). */
    private static final class RecordingLoader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final List<String> defined = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> type = super.findClass(name);
            defined.add(name);
            return type;
        }
    }

    @Test
    void servesItsOwnOperationAndNoOther() throws Exception {
        String token = TestUser.fresh().token();
        int own = 0;
        for (Operation operation : operations()) {
            int status = handle(operation, token);
            if (operation.function().equals(function)) {
                own++;
                assertNotEquals(405, status, operation + " is served here");
                assertTrue(status != 404 || !isRouteMiss(operation, token), operation + " is served here");
            } else {
                assertTrue(status == 404 || status == 405, operation + " of " + operation.function() + " answered " + status);
                assertTrue(isRouteMiss(operation, token), operation + " is not routed here");
            }
        }
        assertEquals(1, own, "one operation per function");
    }

    /** A route miss is Micronaut's own answer for a path or method it has no route for. */
    private static boolean isRouteMiss(Operation operation, String token) throws Exception {
        Object response = invoke(operation, token);
        int status = (Integer) response.getClass().getMethod("getStatusCode").invoke(response);
        String body = (String) response.getClass().getMethod("getBody").invoke(response);
        return (status == 404 && body != null && body.contains("\"detail\":\"Page Not Found\"")) || status == 405;
    }

    private static int handle(Operation operation, String token) throws Exception {
        Object response = invoke(operation, token);
        return (Integer) response.getClass().getMethod("getStatusCode").invoke(response);
    }

    private static Object invoke(Operation operation, String token) throws Exception {
        Class<?> eventType = jarLoader.loadClass("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
        Object event = eventType.getConstructor().newInstance();
        eventType.getMethod("setHttpMethod", String.class).invoke(event, operation.method());
        eventType.getMethod("setPath", String.class).invoke(event, operation.path());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        eventType.getMethod("setHeaders", Map.class).invoke(event, headers);
        eventType.getMethod("setMultiValueHeaders", Map.class).invoke(event,
            Map.of("Authorization", List.of(headers.get("Authorization")), "Content-Type", List.of("application/json")));
        // API Gateway always sends a request context.
        Class<?> contextOfRequest = jarLoader.loadClass(eventType.getName() + "$ProxyRequestContext");
        Object requestContext = contextOfRequest.getConstructor().newInstance();
        contextOfRequest.getMethod("setRequestId", String.class).invoke(requestContext, "routing-check");
        contextOfRequest.getMethod("setStage", String.class).invoke(requestContext, "local");
        contextOfRequest.getMethod("setHttpMethod", String.class).invoke(requestContext, operation.method());
        contextOfRequest.getMethod("setPath", String.class).invoke(requestContext, operation.path());
        Class<?> identityType = jarLoader.loadClass(eventType.getName() + "$RequestIdentity");
        Object identity = identityType.getConstructor().newInstance();
        identityType.getMethod("setSourceIp", String.class).invoke(identity, "127.0.0.1");
        contextOfRequest.getMethod("setIdentity", identityType).invoke(requestContext, identity);
        eventType.getMethod("setRequestContext", contextOfRequest).invoke(event, requestContext);
        if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
            eventType.getMethod("setBody", String.class).invoke(event, "{}");
        }
        Class<?> contextType = jarLoader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Object context = jarLoader.loadClass("io.micronaut.function.aws.proxy.MockLambdaContext").getConstructor().newInstance();
        Method handle = handler.getClass().getMethod("handleRequest", eventType, contextType);
        return handle.invoke(handler, event, context);
    }

    record Operation(String method, String path, String function) {
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of(System.getProperty("api.spec"))));
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Object>) spec.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (HTTP_METHODS.contains(method)) {
                String concrete = path.replaceAll("\\{[^}]+}", "x");
                operations.add(new Operation(method.toUpperCase(), concrete, String.valueOf(((Map<String, Object>) op).get("x-function"))));
            }
        }));
        return operations;
    }
}
