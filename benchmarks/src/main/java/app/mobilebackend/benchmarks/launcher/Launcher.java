package app.mobilebackend.benchmarks.launcher;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cold start of one function, in a JVM of its own, as the Lambda Java runtime does it: the function's
 * {@code -lambda.jar} first on the class path, this jar (JDK classes only) after it.
 *
 * <p>It builds the handler reflectively with its no-argument constructor (the function's configuration comes as
 * system properties, set by the driver on the command line), reads the recorded API Gateway proxy event, invokes
 * {@code handleRequest(event, context)} once (cold) and then {@code bench.warmup + bench.iterations} times (warm),
 * and prints one line {@code BENCH_RESULT {json}} on standard output.
 *
 * <p>System properties (besides the function's own configuration):
 * <ul>
 *   <li>{@code bench.function}: the function's name, reported back;</li>
 *   <li>{@code bench.handler}: the handler class ({@code none}: no handler at all, the JVM + launcher baseline);</li>
 *   <li>{@code bench.context}: the Lambda {@code Context} class to pass (default Micronaut's {@code MockLambdaContext});</li>
 *   <li>{@code bench.event}: the event template, with placeholders {@code {{TOKEN}}}, {@code {{TODO_ID}}}, {@code {{VERSION}}};</li>
 *   <li>{@code bench.token}: the bearer token;</li>
 *   <li>{@code bench.todoIds}: a file of to-do ids, one a line: invocation {@code i} uses line {@code i} (or the last);</li>
 *   <li>{@code bench.version}: the first {@code {{VERSION}}}; after each 2xx answer with an {@code ETag}, the ETag's
 *       value (a client's read-modify-write, so {@code If-Match} stays current);</li>
 *   <li>{@code bench.warmup}, {@code bench.iterations}: warm invocations not measured / measured.</li>
 * </ul>
 */
public final class Launcher {

    private static final String DEFAULT_HANDLER = "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";
    private static final String DEFAULT_CONTEXT = "io.micronaut.function.aws.proxy.MockLambdaContext";
    private static final String EVENT_CLASS = "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent";

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

        Class<?> eventClass = Class.forName(EVENT_CLASS);
        Object context = Class.forName(System.getProperty("bench.context", DEFAULT_CONTEXT)).getConstructor().newInstance();
        Method handle = handleRequest(handler.getClass(), eventClass);
        Events events = new Events(eventClass);

        // the first event: parse + invoke, as the runtime does
        long t2 = System.nanoTime();
        Object event = events.build(0);
        long t3 = System.nanoTime();
        Object response = handle.invoke(handler, event, context);
        long t4 = System.nanoTime();
        long firstResponseEpochMs = System.currentTimeMillis();
        result.put("eventParseMs", ms(t3 - t2));
        result.put("firstInvokeMs", ms(t4 - t3));
        int status = status(response);
        result.put("firstStatus", status);
        if (status < 200 || status > 299) {
            throw new IllegalStateException("first invocation answered " + status + ": " + body(response));
        }
        events.answered(response);
        result.put("rssAtFirstResponseMb", mb(procStatusKb("VmRSS")));

        // warm invocations
        int warmup = Integer.getInteger("bench.warmup", 200);
        int iterations = Integer.getInteger("bench.iterations", 1000);
        long[] times = new long[iterations];
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < warmup + iterations; i++) {
            Object warmEvent = events.build(i + 1);
            long s = System.nanoTime();
            Object warmResponse = handle.invoke(handler, warmEvent, context);
            long e = System.nanoTime();
            if (i >= warmup) {
                times[i - warmup] = e - s;
            }
            int warmStatus = status(warmResponse);
            statuses.merge(warmStatus, 1, Integer::sum);
            events.answered(warmResponse);
        }
        result.put("warmStatuses", statuses);
        if (iterations > 0) {
            Arrays.sort(times);
            result.put("warmMedianMs", ms(times[iterations / 2]));
            result.put("warmP90Ms", ms(times[(int) Math.min(iterations - 1, Math.floor(iterations * 0.9))]));
        }
        finish(result, mainEpochMs, firstResponseEpochMs, handler);
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

    /** Micronaut's bean counts, if the handler exposes its application context. */
    private static void beans(Object handler, Map<String, Object> result) {
        try {
            Object context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
            Class<?> beanContext = Class.forName("io.micronaut.context.BeanContext", false, handler.getClass().getClassLoader());
            try {
                Object active = beanContext.getMethod("getActiveBeanRegistrations", Class.class).invoke(context, Object.class);
                result.put("beansCreated", ((Collection<?>) active).size());
            } catch (ReflectiveOperationException | RuntimeException e) {
                result.put("beansCreated", null);
            }
            Object definitions = beanContext.getMethod("getAllBeanDefinitions").invoke(context);
            result.put("beanDefinitions", ((Collection<?>) definitions).size());
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

    private static int status(Object response) throws ReflectiveOperationException {
        Object code = response.getClass().getMethod("getStatusCode").invoke(response);
        return code == null ? -1 : ((Number) code).intValue();
    }

    private static Object body(Object response) throws ReflectiveOperationException {
        return response.getClass().getMethod("getBody").invoke(response);
    }

    /** A header of the response, from its single-value or its multi-value map, whatever the case of its name. */
    @SuppressWarnings("unchecked")
    static String header(Object response, String name) throws ReflectiveOperationException {
        Object single = response.getClass().getMethod("getHeaders").invoke(response);
        if (single instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (name.equalsIgnoreCase(String.valueOf(e.getKey()))) {
                    return String.valueOf(e.getValue());
                }
            }
        }
        Object multi = response.getClass().getMethod("getMultiValueHeaders").invoke(response);
        if (multi instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (name.equalsIgnoreCase(String.valueOf(e.getKey())) && e.getValue() instanceof List<?> list && !list.isEmpty()) {
                    return String.valueOf(list.get(0));
                }
            }
        }
        return null;
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

    /** The recorded event, its placeholders filled for invocation {@code i}, built into the runtime's event class. */
    private static final class Events {
        private final Class<?> eventClass;
        private final String template;
        private final String token;
        private final List<String> todoIds;
        private String version;

        Events(Class<?> eventClass) throws Exception {
            this.eventClass = eventClass;
            this.template = Files.readString(Path.of(System.getProperty("bench.event")));
            this.token = System.getProperty("bench.token", "");
            String ids = System.getProperty("bench.todoIds");
            this.todoIds = ids == null ? List.of("") : Files.readAllLines(Path.of(ids)).stream().filter(l -> !l.isBlank()).toList();
            this.version = System.getProperty("bench.version", "0");
        }

        Object build(int i) throws Exception {
            String id = todoIds.isEmpty() ? "" : todoIds.get(Math.min(i, todoIds.size() - 1));
            String text = template.replace("{{TOKEN}}", token).replace("{{TODO_ID}}", id).replace("{{VERSION}}", version);
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) Json.parse(text);
            return populate(eventClass, json);
        }

        void answered(Object response) throws ReflectiveOperationException {
            int status = status(response);
            String etag = status >= 200 && status < 300 ? header(response, "ETag") : null;
            if (etag != null) {
                version = etag.replace("W/", "").replace("\"", "");
            }
        }
    }

    /** Sets each JSON member through the setter of the same name, as the runtime's serializer does for these POJOs. */
    static Object populate(Class<?> type, Map<String, Object> json) throws Exception {
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
                throw new IllegalArgumentException(type.getSimpleName() + " has no member " + name);
            }
            method.invoke(target, convert(member.getValue(), method.getParameterTypes()[0]));
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object value, Class<?> to) throws Exception {
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
        if (value instanceof Map<?, ?> map && !Map.class.isAssignableFrom(to) && to != Object.class) {
            return populate(to, (Map<String, Object>) map);
        }
        if (value instanceof List<?> list && to.isArray()) {
            return new ArrayList<>(list).toArray();
        }
        return value;
    }
}
