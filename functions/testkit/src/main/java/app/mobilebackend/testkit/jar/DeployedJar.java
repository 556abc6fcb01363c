package app.mobilebackend.testkit.jar;

import app.mobilebackend.localstack.aws.KinesisStandIn;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.testkit.FunctionEnvironment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The module's deployable Lambda jar, loaded once per JVM alone in its own class loader (parent: the platform loader),
 * with its handler built as the Lambda runtime builds it. The integration tests that every function module runs from
 * the test kit ({@link DeployedJarRoutingIT}, {@link SpecContractIT}) share it; it is closed when the JVM exits.
 *
 * <p>System properties (set by functions/pom.xml): {@code lambda.jar}, {@code lambda.handler}, {@code function.name}
 * (the module folder, whose name is the function's {@code x-function}).
 */
public final class DeployedJar {

    private static DeployedJar shared;

    private final RecordingLoader loader;
    private final Object handler;
    private final String function;
    private final Class<?> eventType;
    private final Method handle;
    private final Object context;

    private DeployedJar(RecordingLoader loader, Object handler, String function) throws ReflectiveOperationException {
        this.loader = loader;
        this.handler = handler;
        this.function = function;
        this.eventType = loader.loadClass("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        this.handle = handler.getClass().getMethod("handleRequest", eventType, contextType);
        this.context = loader.loadClass("io.micronaut.function.aws.proxy.MockLambdaContext").getConstructor().newInstance();
    }

    /** The JVM's deployed jar, loaded (and the test environment installed) on first use. */
    public static synchronized DeployedJar shared() throws Exception {
        if (shared == null) {
            Path jar = Path.of(System.getProperty("lambda.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the Lambda jar does not exist: " + jar);
            }
            FunctionEnvironment.install();
            installStandIns();
            RecordingLoader loader = new RecordingLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Object handler = inJarContext(loader, () -> loader.loadClass(System.getProperty("lambda.handler")).getConstructor().newInstance());
            shared = new DeployedJar(loader, handler, Path.of(System.getProperty("function.name")).getFileName().toString());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly));
        }
        return shared;
    }

    /**
     * The AWS stand-ins a function may call on a request: SNS and Kinesis always (JDK HTTP servers; Kinesis with the
     * analytics stream and a pseudonym key, and its clients switched to JSON), S3 where the module puts s3proxy on its
     * test class path (the files functions).
     */
    private static void installStandIns() {
        SnsStandIn.start().properties().forEach((name, value) -> System.setProperty(name, String.valueOf(value)));
        System.setProperty("aws.kinesis.endpoint", KinesisStandIn.start().endpoint());
        System.setProperty("analytics.stream-name", "deployed-jar-events");
        System.setProperty("analytics.pseudonym-key", "deployed-jar-pseudonym-key");
        boolean s3 = false;
        try {
            Class.forName("org.gaul.s3proxy.S3Proxy", false, DeployedJar.class.getClassLoader());
            s3 = true;
        } catch (ClassNotFoundException e) {
            // no S3 stand-in in this module: its function calls no S3
        }
        if (s3) {
            S3StandIn.shared().properties().forEach((name, value) -> System.setProperty(name, String.valueOf(value)));
        }
    }

    /** The function's name: its module folder, the {@code x-function} of its operation. */
    public String function() {
        return function;
    }

    public Path jar() {
        return Path.of(System.getProperty("lambda.jar"));
    }

    /** The classes the jar's loader has defined so far, in order (the JDK's come from the platform loader). */
    public List<String> definedClasses() {
        synchronized (loader.defined) {
            return List.copyOf(loader.defined);
        }
    }

    /**
     * Hands the event to the handler's {@code handleRequest} as the runtime does. An exception thrown by the handler
     * leaves this method unwrapped.
     */
    public Answer handle(ProxyEvent event) throws Exception {
        return inJarContext(loader, () -> handleInJarContext(event));
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /**
     * As in the Lambda runtime, the function's loader is the context loader (ServiceLoader looks there) while the
     * function runs; the test's own libraries (jqwik finds its engine that way) keep theirs around it.
     */
    private static <T> T inJarContext(ClassLoader loader, Call<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Answer handleInJarContext(ProxyEvent event) throws Exception {
        Object request = eventType.getConstructor().newInstance();
        set(request, "setHttpMethod", String.class, event.httpMethod());
        set(request, "setPath", String.class, event.path());
        set(request, "setResource", String.class, event.resource());
        set(request, "setHeaders", Map.class, event.headers());
        set(request, "setMultiValueHeaders", Map.class, event.multiValueHeaders());
        set(request, "setQueryStringParameters", Map.class, event.queryStringParameters());
        set(request, "setMultiValueQueryStringParameters", Map.class, event.multiValueQueryStringParameters());
        set(request, "setPathParameters", Map.class, event.pathParameters());
        set(request, "setBody", String.class, event.body());
        set(request, "setIsBase64Encoded", Boolean.class, event.isBase64Encoded());
        if (event.requestContext() != null) {
            Class<?> contextOfRequest = loader.loadClass(eventType.getName() + "$ProxyRequestContext");
            Object requestContext = contextOfRequest.getConstructor().newInstance();
            set(requestContext, "setRequestId", String.class, event.requestContext().requestId());
            set(requestContext, "setStage", String.class, event.requestContext().stage());
            set(requestContext, "setHttpMethod", String.class, event.httpMethod());
            set(requestContext, "setPath", String.class, event.requestContext().path());
            set(requestContext, "setResourcePath", String.class, event.resource());
            set(requestContext, "setProtocol", String.class, "HTTP/1.1");
            Class<?> identityType = loader.loadClass(eventType.getName() + "$RequestIdentity");
            Object identity = identityType.getConstructor().newInstance();
            set(identity, "setSourceIp", String.class, "127.0.0.1");
            contextOfRequest.getMethod("setIdentity", identityType).invoke(requestContext, identity);
            eventType.getMethod("setRequestContext", contextOfRequest).invoke(request, requestContext);
        }
        Object response;
        try {
            response = handle.invoke(handler, request, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        return Answer.of(response);
    }

    private static void set(Object target, String setter, Class<?> type, Object value) throws ReflectiveOperationException {
        target.getClass().getMethod(setter, type).invoke(target, value);
    }

    private void closeQuietly() {
        try {
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
            loader.close();
        } catch (Exception e) {
            // the JVM is exiting: nothing left to tell
        }
    }

    /** The handler's answer: status, headers (single- and multi-value merged, names as sent), body. */
    public record Answer(int status, Map<String, List<String>> headers, String body, boolean base64) {

        @SuppressWarnings("unchecked")
        static Answer of(Object response) throws ReflectiveOperationException {
            if (response == null) {
                throw new IllegalStateException("handleRequest answered null");
            }
            Class<?> type = response.getClass();
            Integer status = (Integer) type.getMethod("getStatusCode").invoke(response);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, String> single = (Map<String, String>) type.getMethod("getHeaders").invoke(response);
            Map<String, List<String>> multi = (Map<String, List<String>>) type.getMethod("getMultiValueHeaders").invoke(response);
            if (multi != null) {
                multi.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
            }
            if (single != null) {
                single.forEach((name, value) -> headers.computeIfAbsent(name, n -> new ArrayList<>(List.of(value))));
            }
            Boolean base64 = (Boolean) type.getMethod("getIsBase64Encoded").invoke(response);
            return new Answer(status == null ? -1 : status, headers, (String) type.getMethod("getBody").invoke(response),
                Boolean.TRUE.equals(base64));
        }

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** The jar's own loader, which notes each class it defines. */
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
}
