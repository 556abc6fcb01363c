package app.mobilebackend.benchmarks;

import app.mobilebackend.benchmarks.launcher.Json;
import app.mobilebackend.testkit.LocalIdentityProvider;
import app.mobilebackend.testkit.TestDatabase;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark driver: starts the embedded database and the local identity provider the tests use, then for each
 * run and each HTTP function starts a fresh JVM (function jar + launcher.jar), collects the launcher's
 * {@code BENCH_RESULT} line, and writes {@code results/latest.md} and {@code results/latest.json}.
 * Run it with {@code benchmarks/run}; see benchmarks/README.md.
 */
public final class Driver {

    static final List<String> HTTP_FUNCTIONS = List.of("health", "todos-list", "todos-create", "todos-get",
        "todos-update", "todos-delete", "preferences-get", "preferences-put");

    private final Path root;
    private final Path bench;
    private final Path launcherJar;
    private final String java;
    private final List<String> jvmFlags;
    private final int runs;
    private final int warmup;
    private final int iterations;
    private final List<String> functions;
    private final SecureRandom random = new SecureRandom();

    private TestDatabase db;
    private LocalIdentityProvider idp;

    private Driver(Map<String, String> options) {
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        this.bench = root.resolve("benchmarks");
        this.launcherJar = bench.resolve("target/launcher.jar");
        this.java = options.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.jvmFlags = List.of(options.get("jvm-flags").trim().split("\\s+"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        this.iterations = Integer.parseInt(options.getOrDefault("iterations", "1000"));
        this.functions = options.containsKey("functions") ? List.of(options.get("functions").split(",")) : HTTP_FUNCTIONS;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jvm-flags", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: Driver --root DIR [--runs N] [--warmup N] [--iterations N] "
                    + "[--functions a,b] [--java PATH] [--jvm-flags '...']");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        try {
            new Driver(options).run();
        } catch (Exception e) {
            LoggerFactory.getLogger(Driver.class).error("[benchmark] FAILED: {}", e.getMessage(), e);
            System.exit(1); // the database and the identity provider stop with this JVM
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        log("starting the embedded database and the local identity provider");
        db = TestDatabase.shared();
        idp = LocalIdentityProvider.shared();
        Path work = Files.createDirectories(bench.resolve("target/work"));
        Path logs = Files.createDirectories(bench.resolve("target/logs"));

        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        results.put("(baseline)", new ArrayList<>());
        functions.forEach(f -> results.put(f, new ArrayList<>()));

        for (int run = 1; run <= runs; run++) {
            // the JVM + launcher alone, no function: the floor under every number below
            results.get("(baseline)").add(launch("(baseline)", List.of(launcherJar.toString()),
                Map.of("bench.handler", "none"), logs.resolve("baseline-" + run + ".log")));
            for (String function : functions) {
                Path jar = functionJar(function);
                Map<String, String> props = new LinkedHashMap<>(configuration());
                props.putAll(prepare(function, work));
                props.put("bench.event", bench.resolve("events/" + function + ".json").toString());
                Map<String, Object> result = launch(function, List.of(jar.toString(), launcherJar.toString()), props,
                    logs.resolve(function + "-" + run + ".log"));
                result.put("jarMb", round(Files.size(jar) / 1024.0 / 1024.0));
                if (result.get("warmStatuses") instanceof Map<?, ?> statuses) {
                    int failed = statuses.entrySet().stream().filter(e -> !String.valueOf(e.getKey()).startsWith("2"))
                        .mapToInt(e -> ((Number) e.getValue()).intValue()).sum();
                    result.put("warmNon2xx", failed);
                    if (failed > 0) {
                        log("WARNING: " + function + " answered non-2xx to " + failed + " warm invocations: " + statuses);
                    }
                }
                results.get(function).add(result);
                log(String.format(Locale.ROOT, "run %d/%d %-16s first response %5s ms, init %5s ms, warm median %s ms",
                    run, runs, function, result.get("timeToFirstResponseMs"), result.get("initMs"), result.get("warmMedianMs")));
            }
        }

        Map<String, Object> machine = machine();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("runs", runs);
        config.put("warmup", warmup);
        config.put("iterations", iterations);
        config.put("jvmFlags", jvmFlags);
        config.put("java", java);
        config.put("durationSeconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("config", config);
        Map<String, Object> perFunction = new LinkedHashMap<>();
        results.forEach((f, list) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("summary", summary(list));
            entry.put("runs", list);
            perFunction.put(f, entry);
        });
        json.put("functions", perFunction);

        Path out = Files.createDirectories(bench.resolve("results"));
        Files.writeString(out.resolve("latest.json"), Json.write(json) + "\n");
        String markdown = markdown(machine, config, results);
        Files.writeString(out.resolve("latest.md"), markdown);
        System.out.println();
        System.out.println(markdown);
        log("wrote " + root.relativize(out.resolve("latest.md")) + " and " + root.relativize(out.resolve("latest.json")));
    }

    /** The function's configuration, as the deployed function gets it (there from the environment / SSM). */
    private Map<String, String> configuration() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("db.url", db.url());
        props.put("db.username", db.username());
        props.put("db.password", db.password());
        idp.properties().forEach((name, value) -> props.put(name, value instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
        return props;
    }

    /** A fresh user per run and what its operation needs in the database beforehand. */
    private Map<String, String> prepare(String function, Path work) throws SQLException, IOException {
        String sub = "bench-" + UUID.randomUUID();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bench.token", idp.accessToken(sub));
        props.put("bench.warmup", String.valueOf(warmup));
        props.put("bench.iterations", String.valueOf(iterations));
        int todos = switch (function) {
            case "todos-list" -> 5; // a short first page
            case "todos-get", "todos-update" -> 1; // the same to-do every time (update follows its ETag)
            case "todos-delete" -> 1 + warmup + iterations; // each invocation deletes a to-do of its own
            default -> 0;
        };
        if (todos > 0) {
            List<String> ids = insertTodos(sub, todos);
            Path file = work.resolve(function + "-ids.txt");
            Files.write(file, ids);
            props.put("bench.todoIds", file.toString());
        }
        props.put("bench.version", function.equals("todos-update") ? "1" : "0");
        return props;
    }

    private List<String> insertTodos(String sub, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement insert = c.prepareStatement("INSERT INTO todo (id, owner_sub, title, notes, done, due_at, "
                 + "created_at, updated_at, version) VALUES (?, ?, ?, ?, FALSE, NULL, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = uuidV7();
                insert.setString(1, id);
                insert.setString(2, sub);
                insert.setString(3, "Buy milk " + i);
                insert.setString(4, "Oat, 2 litres");
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
            c.commit();
        }
        return ids;
    }

    /** The ids the functions create are UUIDv7: use the same kind. */
    private String uuidV7() {
        long ms = System.currentTimeMillis();
        long msb = (ms << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private Map<String, Object> launch(String name, List<String> classPath, Map<String, String> props, Path log)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dbench.function=" + name);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add("app.mobilebackend.benchmarks.launcher.Launcher");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long spawnEpochMs = System.currentTimeMillis();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + ": no answer in 10 minutes, see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        for (String line : output.split("\n")) {
            if (line.startsWith("BENCH_RESULT ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) Json.parse(line.substring("BENCH_RESULT ".length()));
                long first = ((Number) result.get("firstResponseEpochMs")).longValue();
                result.put("spawnToFirstResponseMs", first - spawnEpochMs);
                return result;
            }
        }
        throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "), see " + log + ":\n"
            + tail(output, 40));
    }

    private Path functionJar(String function) {
        Path jar = root.resolve("functions/" + function + "/target/function-" + function + "-1.0.0-SNAPSHOT-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build it with ./mvnw -B -q -o install -DskipTests");
        }
        return jar;
    }

    private static final String[] SUMMARIZED = {"timeToFirstResponseMs", "spawnToFirstResponseMs", "initMs",
        "firstInvokeMs", "warmMedianMs", "warmP90Ms", "classesLoaded", "beansCreated", "beanDefinitions", "peakRssMb",
        "rssAtFirstResponseMb", "jarMb", "jvmToMainMs"};

    private static Map<String, Object> summary(List<Map<String, Object>> runs) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String key : SUMMARIZED) {
            double[] values = runs.stream().map(r -> r.get(key)).filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
            if (values.length == 0) {
                continue;
            }
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("min", round(values[0]));
            stats.put("median", round(median(values)));
            stats.put("max", round(values[values.length - 1]));
            summary.put(key, stats);
        }
        return summary;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String markdown(Map<String, Object> machine, Map<String, Object> config,
                            Map<String, List<Map<String, Object>>> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Cold start and footprint: latest results\n\n");
        md.append("Generated by `benchmarks/run` on ").append(machine.get("date")).append(". See `benchmarks/README.md` for what each column means.\n\n");
        md.append("- Machine: ").append(machine.get("nproc")).append(" CPUs (`nproc`), ").append(machine.get("cpu"))
            .append(", ").append(machine.get("memoryMb")).append(" MB memory, ").append(machine.get("os")).append('\n');
        md.append("- JDK: ").append(machine.get("jdk")).append('\n');
        md.append("- JVM flags: `").append(String.join(" ", jvmFlags)).append("`\n");
        md.append("- Runs: ").append(runs).append(" fresh JVMs per function; warm: ").append(warmup)
            .append(" invocations not measured, then ").append(iterations).append(" measured\n");
        md.append("- Took ").append(config.get("durationSeconds")).append(" s\n\n");
        md.append("| Function | First response ms (min / median / max) | Spawn → first response ms (median) "
            + "| Init ms (min / median / max) | First invoke ms (median) | Warm median ms | Classes loaded | Beans created / definitions | Peak RSS MB | Jar MB |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach((function, list) -> {
            Map<String, Object> s = summary(list);
            md.append("| ").append(function)
                .append(" | ").append(range(s, "timeToFirstResponseMs"))
                .append(" | ").append(med(s, "spawnToFirstResponseMs"))
                .append(" | ").append(range(s, "initMs"))
                .append(" | ").append(med(s, "firstInvokeMs"))
                .append(" | ").append(med(s, "warmMedianMs"))
                .append(" | ").append(med(s, "classesLoaded"))
                .append(" | ").append(med(s, "beansCreated")).append(" / ").append(med(s, "beanDefinitions"))
                .append(" | ").append(med(s, "peakRssMb"))
                .append(" | ").append(med(s, "jarMb"))
                .append(" |\n");
        });
        md.append("\nMedians over the runs, except where min / median / max is given. `(baseline)` is the JVM and the "
            + "launcher with no function at all. No ratio column yet: it needs the hand-written `RequestHandler` floor "
            + "(see the TODO in `benchmarks/README.md`).\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String range(Map<String, Object> summary, String key) {
        Map<String, Object> s = (Map<String, Object>) summary.get(key);
        return s == null ? "–" : fmt(s.get("min")) + " / " + fmt(s.get("median")) + " / " + fmt(s.get("max"));
    }

    @SuppressWarnings("unchecked")
    private static String med(Map<String, Object> summary, String key) {
        Map<String, Object> s = (Map<String, Object>) summary.get(key);
        return s == null ? "–" : fmt(s.get("median"));
    }

    private static String fmt(Object value) {
        double d = ((Number) value).doubleValue();
        if (d == Math.rint(d) && Math.abs(d) >= 10) {
            return String.valueOf((long) d);
        }
        return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private Map<String, Object> machine() throws IOException, InterruptedException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMb", procValue(Path.of("/proc/meminfo"), "MemTotal") / 1024);
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor();
        machine.put("jdk", String.join("; ", Arrays.stream(text.split("\n")).map(String::trim).toList()));
        return machine;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown CPU";
    }

    private static long procValue(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return -1;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void log(String message) {
        System.out.println("[benchmark] " + message);
        System.out.flush();
    }
}
