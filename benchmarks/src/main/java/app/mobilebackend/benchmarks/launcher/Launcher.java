package app.mobilebackend.benchmarks.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One cold start of one function, in a JVM of its own, as the Lambda Java runtime does it: the function's
 * {@code -lambda.jar} first on the class path, this jar (JDK classes only) after it.
 *
 * <p>It builds the handler reflectively with its no-argument constructor (the function's configuration comes as
 * system properties, set by the driver on the command line), reads the recorded API Gateway proxy event, invokes
 * {@code handleRequest(event, context)} once (cold) and then {@code bench.warmup + bench.iterations} times (warm),
 * and prints one line {@code BENCH_RESULT {json}} on standard output.
 *
 * <p>The kinds of handler the runtime knows: a {@code RequestHandler} taking an {@code APIGatewayProxyRequestEvent}
 * (the HTTP functions, the hand-written reference), which gets the event built into that class through its setters
 * (the runtime's deserialization); a {@code RequestStreamHandler} (the Spring Boot reference), which gets the event's
 * JSON bytes as the runtime passes them and answers JSON, read back here; and a {@code RequestHandler<I, O>} of any
 * other input (the non-HTTP functions: {@code Map} for EventBridge and scheduled events and the migration, a Cognito
 * trigger event), whose {@code I} is read from the handler's generic types as the runtime reads it, and which gets a
 * plain map, or the event built into {@code I} through its setters (the runtime's Jackson POJO serializer). Such a
 * handler has no HTTP status: a normal return counts as 200, and its answer, turned into JSON through its getters,
 * must match {@code bench.expect} (else it counts as -1). The {@code Context} is a {@link Proxy} of the runtime's
 * interface, the same for every handler.
 *
 * <p>System properties (besides the function's own configuration):
 * <ul>
 *   <li>{@code bench.function}: the function's name, reported back;</li>
 *   <li>{@code bench.handler}: the handler class ({@code none}: no handler at all, the JVM + launcher baseline);</li>
 *   <li>{@code bench.event}: the event template, with placeholders {@code {{TOKEN}}}, {@code {{SUB}}}, {@code {{ID}}}
 *       ({@code {{TODO_ID}}} is the same), {@code {{UUID}}}, {@code {{VERSION}}} (benchmarks/events/README.md);</li>
 *   <li>{@code bench.token}: the bearer token; {@code bench.sub}: its user;</li>
 *   <li>{@code bench.ids}: a file of ids the driver created (to-dos, files, orders, devices), one a line: invocation
 *       {@code i} uses line {@code i} (or the last);</li>
 *   <li>{@code bench.expect}: for a handler of another input than an HTTP event, a regular expression its every JSON
 *       answer must contain;</li>
 *   <li>{@code bench.version}: the first {@code {{VERSION}}}; after each 2xx answer with an {@code ETag}, the ETag's
 *       value (a client's read-modify-write, so {@code If-Match} stays current);</li>
 *   <li>{@code bench.warmup}, {@code bench.iterations}: warm invocations not measured / measured;</li>
 *   <li>{@code bench.flatness}: if set (at least 3,000), invocations in all, to compare the median of invocations
 *       1,001-2,000 with that of the last 1,000.</li>
 * </ul>
 */
public final class Launcher {

    private static final String DEFAULT_HANDLER = "app.mobilebackend.core.lambda.ApiGatewayHandler";
    private static final String EVENT_CLASS = "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";
    /** How much of the first answer's body the result carries (the driver checks the rows of GET /todos). */
    private static final int BODY_KEPT = 16_384;

    private Launcher() {
    }

    public static void main(String[] args) {
        long mainEpochMs = System.currentTimeMillis();
        try {
            run(mainEpochMs);
        } catch (Throwable e) {
            System.out.println("BENCH_ERROR " + Json.write(String.valueOf(e)));
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // pools and timers of the function must not keep the JVM up
    }

    private static void run(long mainEpochMs) throws Exception {
        String function = System.getProperty("bench.function", "?");
        String handlerName = System.getProperty("bench.handler", DEFAULT_HANDLER);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("function", function);

        if ("none".equals(handlerName)) { // baseline: what the JVM and this launcher cost before any function code
            long now = System.currentTimeMillis();
            finish(result, mainEpochMs, now, null);
            return;
        }

        // init: what the runtime does before the first event
        long t0 = System.nanoTime();
        Object handler = Class.forName(handlerName).getConstructor().newInstance();
        long t1 = System.nanoTime();
        result.put("initMs", ms(t1 - t0));

        ClassLoader loader = handler.getClass().getClassLoader();
        Object context = context(loader, function);
        Invoker invoker = invoker(handler, loader);
        Events events = new Events();
        result.put("handlerKind", invoker.kind());

        // the first event: parse + invoke, as the runtime does
        long t2 = System.nanoTime();
        Object event = invoker.event(events.build(0));
        long t3 = System.nanoTime();
        Answer response = invoker.invoke(handler, event, context);
        long t4 = System.nanoTime();
        long firstResponseEpochMs = System.currentTimeMillis();
        result.put("eventParseMs", ms(t3 - t2));
        result.put("firstInvokeMs", ms(t4 - t3));
        result.put("firstStatus", response.status());
        String firstBody = response.body() == null ? "" : response.body();
        result.put("firstBody", firstBody.length() > BODY_KEPT ? firstBody.substring(0, BODY_KEPT) : firstBody);
        if (response.status() < 200 || response.status() > 299) {
            throw new IllegalStateException("first invocation answered " + response.status() + ": " + response.body()
                + (response.status() == -1 ? " (not matching bench.expect " + System.getProperty("bench.expect") + ")" : ""));
        }
        events.answered(response);
        result.put("rssAtFirstResponseMb", mb(procStatusKb("VmRSS")));

        // warm invocations
        int warmup = Integer.getInteger("bench.warmup", 200);
        int iterations = Integer.getInteger("bench.iterations", 1000);
        long[] times = new long[iterations];
        Map<Integer, Integer> statuses = new TreeMap<>();
        // bench.flatness=N: keep invoking up to N invocations in all (the first included) and compare the median of
        // invocations 1,001-2,000 with that of the last 1,000: a warm container must not slow down as it serves.
        int flatness = Integer.getInteger("bench.flatness", 0);
        long[] byInvocation = new long[Math.max(flatness, 1 + warmup + iterations) + 1];
        for (int i = 0; i < Math.max(warmup + iterations, flatness - 1); i++) {
            Object warmEvent = invoker.event(events.build(i + 1));
            long s = System.nanoTime();
            Answer warmResponse = invoker.invoke(handler, warmEvent, context);
            long e = System.nanoTime();
            if (i >= warmup && i < warmup + iterations) {
                times[i - warmup] = e - s;
            }
            byInvocation[i + 2] = e - s;
            statuses.merge(warmResponse.status(), 1, Integer::sum);
            events.answered(warmResponse);
        }
        result.put("warmStatuses", statuses);
        if (iterations > 0) {
            Arrays.sort(times);
            result.put("warmMedianMs", ms(times[iterations / 2]));
            result.put("warmP90Ms", ms(times[(int) Math.min(iterations - 1, Math.floor(iterations * 0.9))]));
        }
        if (flatness >= 3000) {
            result.put("flatnessInvocations", flatness);
            result.put("flatEarlyMedianMs", ms(median(Arrays.copyOfRange(byInvocation, 1001, 2001))));
            result.put("flatLateMedianMs", ms(median(Arrays.copyOfRange(byInvocation, flatness - 999, flatness + 1))));
        }
        finish(result, mainEpochMs, firstResponseEpochMs, handler);
    }

    /** A handler's answer: status, headers (names in lower case) and body, whatever the kind of handler. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** How the runtime calls a handler of one kind. */
    private interface Invoker {
        String kind();

        /** The event as this kind of handler gets it, from the event's JSON text. */
        Object event(String json) throws Exception;

        Answer invoke(Object handler, Object event, Object context) throws Exception;
    }

    private static Invoker invoker(Object handler, ClassLoader loader) throws Exception {
        Class<?> stream = loadOrNull(STREAM_HANDLER, loader);
        if (stream != null && stream.isInstance(handler)) {
            Method handle = stream.getMethod("handleRequest", InputStream.class, OutputStream.class, Class.forName(CONTEXT, false, loader));
            return new Invoker() {
                public String kind() {
                    return "RequestStreamHandler";
                }

                public Object event(String json) {
                    return json.getBytes(StandardCharsets.UTF_8); // what the runtime hands a stream handler
                }

                @SuppressWarnings("unchecked")
                public Answer invoke(Object h, Object event, Object context) throws Exception {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                    handle.invoke(h, new ByteArrayInputStream((byte[]) event), out, context);
                    Map<String, Object> json = (Map<String, Object>) Json.parse(out.toString(StandardCharsets.UTF_8));
                    Object code = json.get("statusCode");
                    return new Answer(code instanceof Number n ? n.intValue() : -1,
                        headers(json.get("headers"), json.get("multiValueHeaders")),
                        json.get("body") == null ? null : String.valueOf(json.get("body")));
                }
            };
        }
        Class<?> input = inputType(handler.getClass(), loader);
        if (input != null && !input.getName().equals(EVENT_CLASS)) {
            return otherInput(handler, input);
        }
        Class<?> eventClass = Class.forName(EVENT_CLASS, true, loader);
        Method handle = handleRequest(handler.getClass(), eventClass);
        return new Invoker() {
            public String kind() {
                return "RequestHandler<APIGatewayProxyRequestEvent>";
            }

            @SuppressWarnings("unchecked")
            public Object event(String json) throws Exception {
                Map<String, Object> event = (Map<String, Object>) Json.parse(json);
                contentLength(event);
                return populate(eventClass, event, true);
            }

            public Answer invoke(Object h, Object event, Object context) throws Exception {
                Object response = handle.invoke(h, event, context);
                Object code = response.getClass().getMethod("getStatusCode").invoke(response);
                Object body = response.getClass().getMethod("getBody").invoke(response);
                return new Answer(code == null ? -1 : ((Number) code).intValue(),
                    headers(response.getClass().getMethod("getHeaders").invoke(response),
                        response.getClass().getMethod("getMultiValueHeaders").invoke(response)),
                    body == null ? null : String.valueOf(body));
            }
        };
    }

    /**
     * A {@code RequestHandler<I, O>} of another input than an HTTP event: the runtime hands it the event as an
     * {@code I}, a {@code Map} as Jackson reads one, any other class built through its setters (its POJO serializer);
     * it answers an {@code O}, written back as JSON through its getters. No exception and an answer matching
     * {@code bench.expect}: 200.
     */
    private static Invoker otherInput(Object handler, Class<?> input) {
        Method handle = handleRequest(handler.getClass(), input);
        String expect = System.getProperty("bench.expect");
        Pattern expected = expect == null || expect.isBlank() ? null : Pattern.compile(expect);
        return new Invoker() {
            public String kind() {
                return "RequestHandler<" + input.getSimpleName() + ">";
            }

            @SuppressWarnings("unchecked")
            public Object event(String json) throws Exception {
                Map<String, Object> map = (Map<String, Object>) Json.parse(json);
                return Map.class.isAssignableFrom(input) ? map : populate(input, map, false);
            }

            public Answer invoke(Object h, Object event, Object context) throws Exception {
                String body = Json.write(describe(handle.invoke(h, event, context)));
                return new Answer(expected == null || expected.matcher(body).find() ? 200 : -1, Map.of(), body);
            }
        };
    }

    /**
     * {@code I} of the handler's {@code RequestHandler<I, O>}, following the type arguments up its class hierarchy
     * (Micronaut's {@code MicronautRequestHandler<I, O>} passes them on), as the runtime finds it; null when not found.
     */
    static Class<?> inputType(Class<?> handlerClass, ClassLoader loader) {
        Class<?> requestHandler = loadOrNull(REQUEST_HANDLER, loader);
        return requestHandler == null ? null : inputType(handlerClass, Map.of(), requestHandler);
    }

    private static Class<?> inputType(Class<?> type, Map<TypeVariable<?>, Type> bindings, Class<?> requestHandler) {
        List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            supertypes.add(type.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            if (supertype instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                Type[] args = p.getActualTypeArguments();
                Map<TypeVariable<?>, Type> next = new HashMap<>();
                for (int i = 0; i < args.length; i++) {
                    Type arg = args[i] instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : args[i];
                    next.put(raw.getTypeParameters()[i], arg);
                }
                if (raw == requestHandler) {
                    Type in = next.get(raw.getTypeParameters()[0]);
                    return in instanceof Class<?> c ? c : in instanceof ParameterizedType pi && pi.getRawType() instanceof Class<?> c ? c : null;
                }
                Class<?> found = inputType(raw, next, requestHandler);
                if (found != null) {
                    return found;
                }
            } else if (supertype instanceof Class<?> c) {
                Class<?> found = inputType(c, Map.of(), requestHandler);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** An answer as JSON values: maps, lists and scalars as they are, any other object through its public getters. */
    static Object describe(Object value) throws Exception {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), describe(e.getValue()));
            }
            return out;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(describe(o));
            }
            return out;
        }
        if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            return describe(Arrays.asList((Object[]) value));
        }
        if (value.getClass().getName().startsWith("java.")) {
            return String.valueOf(value); // Instant, UUID, ...
        }
        Map<String, Object> out = new TreeMap<>();
        for (Method m : value.getClass().getMethods()) {
            String n = m.getName();
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String property = n.startsWith("get") && n.length() > 3 ? n.substring(3)
                : n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class) ? n.substring(2) : null;
            if (property != null) {
                out.put(Character.toLowerCase(property.charAt(0)) + property.substring(1), describe(m.invoke(value)));
            }
        }
        return out;
    }

    /** A body with a placeholder filled has another length: Content-Length says the filled one, as a client sends it. */
    @SuppressWarnings("unchecked")
    private static void contentLength(Map<String, Object> event) {
        if (!(event.get("body") instanceof String body)) {
            return;
        }
        String length = String.valueOf(body.getBytes(StandardCharsets.UTF_8).length);
        if (event.get("headers") instanceof Map<?, ?> headers && headers.containsKey("Content-Length")) {
            ((Map<String, Object>) headers).put("Content-Length", length);
        }
        if (event.get("multiValueHeaders") instanceof Map<?, ?> headers && headers.containsKey("Content-Length")) {
            ((Map<String, Object>) headers).put("Content-Length", List.of(length));
        }
    }

    private static Map<String, String> headers(Object single, Object multi) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (multi instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof List<?> list && !list.isEmpty()) {
                    headers.put(String.valueOf(k).toLowerCase(Locale.ROOT), String.valueOf(list.get(0)));
                }
            });
        }
        if (single instanceof Map<?, ?> map) {
            map.forEach((k, v) -> headers.put(String.valueOf(k).toLowerCase(Locale.ROOT), String.valueOf(v)));
        }
        return headers;
    }

    private static Class<?> loadOrNull(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * The runtime's {@code Context}, as a proxy of the interface in the handler's jar: the same object for every
     * handler (no framework's mock class), with a logger that prints to standard output as the runtime's does.
     */
    static Object context(ClassLoader loader, String function) throws ClassNotFoundException {
        Class<?> contextType = Class.forName(CONTEXT, false, loader);
        Class<?> loggerType = Class.forName(LOGGER, false, loader);
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                System.out.println(args[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(args[0]));
                return null;
            }
            return objectMethod(proxy, method.getName(), args, "LambdaLogger");
        });
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getLogGroupName" -> "/aws/lambda/" + function;
            case "getLogStreamName" -> "2026/01/01/[$LATEST]benchmark";
            case "getFunctionName" -> function;
            case "getFunctionVersion" -> "$LATEST";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:eu-west-1:123456789012:function:" + function;
            case "getRemainingTimeInMillis" -> 900_000;
            case "getMemoryLimitInMB" -> 1769;
            case "getLogger" -> logger;
            default -> objectMethod(proxy, method.getName(), args, "Context");
        });
    }

    private static Object objectMethod(Object proxy, String name, Object[] args, String what) {
        return switch (name) {
            case "toString" -> "benchmark " + what;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> args != null && args.length == 1 && proxy == args[0];
            default -> null; // getIdentity, getClientContext, getTenantId, ...: none here
        };
    }

    /** The numbers that need JMX or the bean context come last: they load classes of their own. */
    private static void finish(Map<String, Object> result, long mainEpochMs, long firstResponseEpochMs, Object handler) {
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        result.put("jvmStartEpochMs", jvmStartEpochMs);
        result.put("firstResponseEpochMs", firstResponseEpochMs);
        result.put("jvmToMainMs", mainEpochMs - jvmStartEpochMs);
        result.put("timeToFirstResponseMs", firstResponseEpochMs - jvmStartEpochMs);
        result.put("classesLoaded", classes);
        result.put("peakRssMb", mb(procStatusKb("VmHWM")));
        if (handler != null) {
            beans(handler, result);
        }
        result.put("javaVersion", System.getProperty("java.version"));
        result.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-X")).toList());
        System.out.println("BENCH_RESULT " + Json.write(result));
        System.out.flush();
    }

    /**
     * Bean counts, if the handler exposes its application context ({@code getApplicationContext()}): Micronaut's
     * beans created / bean definitions, or Spring's singletons / bean definitions.
     */
    private static void beans(Object handler, Map<String, Object> result) {
        Object context;
        try {
            context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return; // no framework, or none that says
        }
        if (context == null) {
            return;
        }
        try {
            Class<?> beanContext = Class.forName("io.micronaut.context.BeanContext", false, handler.getClass().getClassLoader());
            try {
                Object active = beanContext.getMethod("getActiveBeanRegistrations", Class.class).invoke(context, Object.class);
                result.put("beansCreated", ((Collection<?>) active).size());
                // which beans, into this JVM's log (benchmarks/target/logs): where start-up work goes
                ClassLoader loader = handler.getClass().getClassLoader();
                Method beanDefinition = Class.forName("io.micronaut.context.BeanRegistration", false, loader).getMethod("getBeanDefinition");
                Method beanType = Class.forName("io.micronaut.inject.BeanType", false, loader).getMethod("getBeanType");
                for (Object registration : (Collection<?>) active) {
                    Class<?> type = (Class<?>) beanType.invoke(beanDefinition.invoke(registration));
                    System.out.println("BENCH_BEAN " + type.getName());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                result.put("beansCreated", null);
            }
            Object definitions = beanContext.getMethod("getAllBeanDefinitions").invoke(context);
            result.put("beanDefinitions", ((Collection<?>) definitions).size());
            return;
        } catch (ClassNotFoundException e) {
            // not Micronaut
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            result.put("beanDefinitions", null);
            return;
        }
        try { // Spring: ConfigurableApplicationContext
            Object factory = context.getClass().getMethod("getBeanFactory").invoke(context);
            result.put("beansCreated", ((Number) factory.getClass().getMethod("getSingletonCount").invoke(factory)).intValue());
            result.put("beanDefinitions", ((Number) context.getClass().getMethod("getBeanDefinitionCount").invoke(context)).intValue());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            result.put("beanDefinitions", null);
        }
    }

    private static Method handleRequest(Class<?> handlerClass, Class<?> eventClass) {
        Method fallback = null;
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2
                && m.getParameterTypes()[0].isAssignableFrom(eventClass)) {
                if (m.getParameterTypes()[0] == eventClass) {
                    return m;
                }
                fallback = m;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException(handlerClass + " has no handleRequest(" + eventClass.getSimpleName() + ", Context)");
        }
        return fallback;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static double mb(long kb) {
        return kb < 0 ? -1 : Math.round(kb / 1024.0 * 10) / 10.0;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** The recorded event's JSON, its placeholders filled for invocation {@code i}. */
    private static final class Events {
        private final String template;
        private final String token;
        private final String sub;
        private final List<String> ids;
        private String version;

        Events() throws Exception {
            this.template = Files.readString(Path.of(System.getProperty("bench.event")));
            this.token = System.getProperty("bench.token", "");
            this.sub = System.getProperty("bench.sub", "");
            String file = System.getProperty("bench.ids");
            this.ids = file == null ? List.of("") : Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).toList();
            this.version = System.getProperty("bench.version", "0");
        }

        String build(int i) {
            String id = ids.isEmpty() ? "" : ids.get(Math.min(i, ids.size() - 1));
            // one fresh UUID per invocation, the same wherever the event names it (an idempotency key, a new user)
            return template.replace("{{TOKEN}}", token).replace("{{SUB}}", sub).replace("{{ID}}", id).replace("{{TODO_ID}}", id)
                .replace("{{UUID}}", UUID.randomUUID().toString()).replace("{{VERSION}}", version);
        }

        void answered(Answer response) {
            String etag = response.status() >= 200 && response.status() < 300 ? response.headers().get("etag") : null;
            if (etag != null) {
                version = etag.replace("W/", "").replace("\"", "");
            }
        }
    }

    /**
     * Sets each JSON member through the setter of the same name, as the runtime's serializer does for these POJOs.
     * {@code strict}: a member without a setter is an error (a typo in an API Gateway event); else it is skipped, as
     * the runtime's Jackson serializer skips what a Cognito event class does not model (its {@code response: {}}).
     */
    static Object populate(Class<?> type, Map<String, Object> json, boolean strict) throws Exception {
        Object target = type.getConstructor().newInstance();
        for (Map.Entry<String, Object> member : json.entrySet()) {
            String name = member.getKey();
            String setter = "set" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            Method method = null;
            for (Method m : type.getMethods()) {
                if (m.getName().equals(setter) && m.getParameterCount() == 1) {
                    method = m;
                    break;
                }
            }
            if (method == null) {
                if (!strict) {
                    continue;
                }
                throw new IllegalArgumentException(type.getSimpleName() + " has no member " + name);
            }
            Class<?> to = method.getParameterTypes()[0];
            if (member.getValue() == null && to.isPrimitive()) {
                continue; // Jackson leaves a primitive at its default for null
            }
            if (member.getValue() instanceof List<?> list && List.class.isAssignableFrom(to)
                && method.getGenericParameterTypes()[0] instanceof ParameterizedType listType
                && listType.getActualTypeArguments()[0] instanceof Class<?> element) {
                // a list of event records (Firehose's): each member built into the element class, as Jackson does
                List<Object> items = new ArrayList<>();
                for (Object item : list) {
                    items.add(convert(item, element, strict));
                }
                method.invoke(target, items);
                continue;
            }
            method.invoke(target, convert(member.getValue(), to, strict));
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object value, Class<?> to, boolean strict) throws Exception {
        if (value == null) {
            return null;
        }
        if (to == Long.class || to == long.class) {
            return ((Number) value).longValue();
        }
        if (to == Integer.class || to == int.class) {
            return ((Number) value).intValue();
        }
        if (to == Boolean.class || to == boolean.class) {
            return value instanceof Boolean b ? b : Boolean.valueOf(String.valueOf(value));
        }
        if (to == String.class) {
            return String.valueOf(value);
        }
        if (to == ByteBuffer.class && value instanceof String base64) {
            return ByteBuffer.wrap(Base64.getDecoder().decode(base64)); // as the runtime reads a record's data
        }
        if (value instanceof Map<?, ?> map && !Map.class.isAssignableFrom(to) && to != Object.class) {
            return populate(to, (Map<String, Object>) map, strict);
        }
        if (value instanceof List<?> list && to.isArray()) {
            return new ArrayList<>(list).toArray();
        }
        return value;
    }
}
