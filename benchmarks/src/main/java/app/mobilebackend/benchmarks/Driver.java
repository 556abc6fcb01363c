package app.mobilebackend.benchmarks;

import app.mobilebackend.benchmarks.launcher.Json;
import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.testkit.TestDatabase;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark driver: starts the embedded database and the local identity provider the tests use (and, when a
 * function needs them, the AWS stand-ins of functions-testkit: {@link StandIns}), then for each run and each target
 * (every function that has an event file, and the reference implementations of
 * {@code GET /todos} under {@code benchmarks/references/}) starts a fresh JVM (target jar + launcher.jar), without
 * and with an AppCDS archive, collects the launcher's {@code BENCH_RESULT} line, loads the dev server with wrk, and
 * writes {@code latest.md} and {@code latest.json}. Run it with {@code benchmarks/run}; see benchmarks/README.md.
 */
public final class Driver {

    static final String PLAIN = "plain";
    static final String CDS = "cds";
    /** Priming during init, as SnapStart would snapshot it, measured here in a fresh JVM: see ApiGatewayHandler. */
    static final String INVOKE_PRIMING = "invoke-priming";
    static final String CLASS_PRIMING = "class-priming";
    private static final String HTTP_HANDLER = "app.mobilebackend.core.lambda.ApiGatewayHandler";
    private static final String BASELINE = "(baseline)";

    /** What is launched: a function's Lambda jar or a reference's. */
    record Target(String name, String label, boolean reference, boolean floor, Path jar, String handler, String operation) {
    }

    private final Path root;
    private final Path bench;
    private final Path launcherJar;
    private final Path out;
    private final String java;
    private final List<String> jvmFlags;
    private final int runs;
    /** How many targets are launched at a time (1: one JVM at a time, as the figures need). */
    private final int jobs;
    private final int warmup;
    private final int iterations;
    private final int trainingInvocations;
    private final boolean cds;
    /** The targets that get the AppCDS variant: all, or those listed (smoke runs keep the variant alive on a few). */
    private final Set<String> cdsTargets;
    /** The HTTP functions that get the two priming variants (none, all, or those listed). */
    private final List<String> primingTargets;
    private final boolean wrkEnabled;
    private final int wrkSeconds;
    private final int wrkWarmupSeconds;
    /** Invocations of the flatness run (first run, no CDS, GET /todos targets only); 0: none. */
    private final int flatness;
    private final List<String> functionFilter;
    private final List<String> referenceFilter;
    private final String note;
    private final SecureRandom random = new SecureRandom();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    private LocalDatabase db;
    private LocalIdentityProvider idp;
    private final StandIns standIns = new StandIns();

    private Driver(Map<String, String> options) {
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        this.bench = root.resolve("benchmarks");
        this.launcherJar = bench.resolve("target/launcher.jar");
        this.out = Path.of(options.getOrDefault("out", bench.resolve("results").toString())).toAbsolutePath();
        this.java = options.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.jvmFlags = List.of(options.get("jvm-flags").trim().split("\\s+"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        this.jobs = Integer.parseInt(options.getOrDefault("jobs", "1"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        this.iterations = Integer.parseInt(options.getOrDefault("iterations", "1000"));
        this.trainingInvocations = Integer.parseInt(options.getOrDefault("training", "20"));
        this.cds = Boolean.parseBoolean(options.getOrDefault("cds", "true"));
        this.cdsTargets = options.containsKey("cds-targets") ? Set.of(options.get("cds-targets").split(",")) : null;
        this.primingTargets = List.of(options.getOrDefault("priming-targets", "todos-list").split(","));
        this.wrkEnabled = Boolean.parseBoolean(options.getOrDefault("wrk", "true"));
        this.wrkSeconds = Integer.parseInt(options.getOrDefault("wrk-duration", "15"));
        this.wrkWarmupSeconds = Integer.parseInt(options.getOrDefault("wrk-warmup", "5"));
        this.flatness = Integer.parseInt(options.getOrDefault("flatness", "20000"));
        this.functionFilter = list(options.get("functions"));
        this.referenceFilter = list(options.get("references"));
        this.note = options.getOrDefault("note", "");
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? null : List.of(value.split(","));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jvm-flags", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: Driver --root DIR [--runs N] [--warmup N] [--iterations N] "
                    + "[--jobs N] [--training N] [--cds true|false] [--cds-targets a,b] [--priming-targets a,b|all|none] [--flatness N] [--wrk true|false] [--wrk-duration S] [--wrk-warmup S] "
                    + "[--functions a,b] [--references a,b|none] [--out DIR] [--note TEXT] [--java PATH] [--jvm-flags '...']");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        int status;
        try {
            status = new Driver(options).run();
        } catch (Exception e) {
            LoggerFactory.getLogger(Driver.class).error("[benchmark] FAILED: {}", e.getMessage(), e);
            status = 1;
        }
        System.exit(status); // the database, the identity provider and the dev server stop with this JVM
    }

    private int run() throws Exception {
        Instant started = Instant.now();
        List<Target> targets = discover();
        if (targets.stream().noneMatch(Target::floor)) {
            warn("no floor reference: the ratio columns stay empty");
        }
        log("targets: " + targets.stream().map(Target::name).toList());
        log("starting the embedded database and the local identity provider");
        db = TestDatabase.shared();
        idp = LocalIdentityProvider.shared();
        Path work = Files.createDirectories(bench.resolve("target/work"));
        Path logs = Files.createDirectories(bench.resolve("target/logs"));
        Path archives = Files.createDirectories(bench.resolve("target/cds"));

        // results.get(variant).get(target name) = the runs
        Map<String, Map<String, List<Map<String, Object>>>> results = new LinkedHashMap<>();
        List<String> variants = new ArrayList<>(List.of(PLAIN));
        if (cds) {
            variants.add(CDS);
        }
        if (targets.stream().anyMatch(this::withPriming)) {
            variants.addAll(List.of(INVOKE_PRIMING, CLASS_PRIMING));
        }
        for (String variant : variants) {
            Map<String, List<Map<String, Object>>> byTarget = new LinkedHashMap<>();
            if (variant.equals(PLAIN)) {
                byTarget.put(BASELINE, new ArrayList<>());
            }
            targets.stream().filter(t -> switch (variant) {
                case PLAIN -> true;
                case CDS -> withCds(t);
                default -> withPriming(t);
            }).forEach(t -> byTarget.put(t.name(), new ArrayList<>()));
            results.put(variant, byTarget);
        }
        Set<String> failed = Collections.synchronizedSet(new TreeSet<>());
        Map<String, Object> archiveMb = Collections.synchronizedMap(new LinkedHashMap<>());

        // The training runs, outside the measured runs, --jobs at a time: AppCDS, one run per jar (it handles the event)
        // that writes its archive; class priming, one run per jar that records the classes it loads.
        List<Runnable> training = new ArrayList<>();
        if (cds) {
            for (Target target : targets.stream().filter(this::withCds).toList()) {
                training.add(() -> {
                    Path archive = archives.resolve(target.name() + ".jsa");
                    try {
                        Files.deleteIfExists(archive);
                        Prepared prepared = prepare(target, work, trainingInvocations, 0);
                        Map<String, String> props = new LinkedHashMap<>(prepared.props());
                        props.put("bench.warmup", String.valueOf(trainingInvocations));
                        props.put("bench.iterations", "0");
                        launch(target, List.of("-XX:ArchiveClassesAtExit=" + archive), props, logs.resolve(target.name() + "-cds-training.log"));
                        if (!Files.isRegularFile(archive)) {
                            throw new IllegalStateException("the training run wrote no archive " + archive + ", see its log");
                        }
                        archiveMb.put(target.name(), round(Files.size(archive) / 1024.0 / 1024.0));
                        log(String.format(Locale.ROOT, "CDS archive of %-22s %6.1f MB", target.name(), Files.size(archive) / 1024.0 / 1024.0));
                    } catch (Exception e) {
                        fail(target, "CDS training", e, failed);
                    }
                });
            }
        }
        Map<String, Object> primingClasses = Collections.synchronizedMap(new LinkedHashMap<>());
        for (Target target : targets.stream().filter(this::withPriming).toList()) {
            training.add(() -> {
                try {
                    Path list = recordClassList(target, work, logs);
                    long count = Files.readAllLines(list).stream().filter(l -> !l.startsWith("#")).count();
                    primingClasses.put(target.name(), count);
                    log(String.format(Locale.ROOT, "class list of %-22s %6d classes", target.name(), count));
                } catch (Exception e) {
                    fail(target, "class list training", e, failed);
                }
            });
        }
        ExecutorService trainers = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> trained = new ArrayList<>();
            training.forEach(task -> trained.add(trainers.submit(task)));
            for (Future<?> each : trained) {
                each.get();
            }
        } finally {
            trainers.shutdown();
        }

        for (int run = 1; run <= runs; run++) {
            // the JVM + launcher alone, no function: the floor under every number below
            try {
                results.get(PLAIN).get(BASELINE).add(launchBaseline(logs.resolve("baseline-" + run + ".log")));
            } catch (Exception e) {
                failures.add("baseline: " + e.getMessage());
            }
            int thisRun = run;
            // Each target's variants one after the other. With --jobs N, N targets at a time (each adds to its own lists
            // of results), the ones with most variants first; outbox-relay afterwards, alone: it relays every pending
            // event of the outbox, and orders-create adds some.
            List<Target> together = targets.stream().filter(t -> !t.operation().equals("outbox-relay"))
                .sorted(Comparator.comparingLong((Target t) -> results.values().stream().filter(v -> v.containsKey(t.name())).count()).reversed())
                .toList();
            ExecutorService pool = Executors.newFixedThreadPool(jobs);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Target target : together) {
                    done.add(pool.submit(() -> measure(target, thisRun, results, failed, work, logs, archives)));
                }
                for (Future<?> each : done) {
                    each.get();
                }
            } finally {
                pool.shutdown();
            }
            targets.stream().filter(t -> !together.contains(t)).forEach(t -> measure(t, thisRun, results, failed, work, logs, archives));
        }

        Map<String, Object> wrk = wrkEnabled ? loadDevServer(logs) : Map.of("skipped", "--no-wrk");

        Map<String, Object> machine = machine();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("runs", runs);
        config.put("jobs", jobs);
        config.put("warmup", warmup);
        config.put("iterations", iterations);
        config.put("cdsTrainingInvocations", cds ? trainingInvocations : null);
        config.put("primingTargets", results.containsKey(CLASS_PRIMING) ? List.copyOf(results.get(CLASS_PRIMING).keySet()) : List.of());
        config.put("jvmFlags", jvmFlags);
        config.put("java", java);
        config.put("loadAverageAtEnd", loadAverage());
        config.put("note", note);
        config.put("durationSeconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("config", config);
        Map<String, Object> perTarget = new LinkedHashMap<>();
        for (String name : results.get(PLAIN).keySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            targets.stream().filter(t -> t.name().equals(name)).findFirst().ifPresent(t -> {
                entry.put("label", t.label());
                entry.put("kind", t.reference() ? "reference" : "function");
                entry.put("floor", t.floor());
                entry.put("handler", t.handler());
                entry.put("operation", t.operation());
                entry.put("jar", root.relativize(t.jar()).toString());
            });
            results.forEach((variant, byTarget) -> {
                List<Map<String, Object>> list = byTarget.get(name);
                if (list == null) {
                    return;
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("summary", summary(list));
                if (variant.equals(CDS)) {
                    v.put("archiveMb", archiveMb.get(name));
                }
                if (variant.equals(CLASS_PRIMING)) {
                    v.put("classListSize", primingClasses.get(name));
                }
                v.put("runs", list);
                entry.put(variant, v);
            });
            perTarget.put(name, entry);
        }
        json.put("targets", perTarget);
        json.put("ratiosToFloor", ratios(targets, results));
        json.put("wrk", wrk);
        json.put("warnings", warnings);
        json.put("failures", failures);

        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.json"), Json.write(json) + "\n");
        String markdown = markdown(machine, config, targets, results, archiveMb, primingClasses, wrk);
        Files.writeString(out.resolve("latest.md"), markdown);
        System.out.println();
        System.out.println(markdown);
        log("wrote " + out.resolve("latest.md") + " and " + out.resolve("latest.json"));
        if (!failures.isEmpty()) {
            log("FAILED: " + failures.size() + " failure(s):");
            failures.forEach(f -> log("  " + f));
            return 1;
        }
        return 0;
    }

    /** One run of {@code target}'s variants: launched, checked and added to its lists in {@code results}. */
    private void measure(Target target, int run, Map<String, Map<String, List<Map<String, Object>>>> results, Set<String> failed,
                         Path work, Path logs, Path archives) {
        for (String variant : results.keySet()) {
            if (failed.contains(target.name()) || !results.get(variant).containsKey(target.name())) {
                continue;
            }
            List<String> extra = variant.equals(CDS)
                ? List.of("-XX:SharedArchiveFile=" + archives.resolve(target.name() + ".jsa")) : List.of();
            String logName = target.name() + (variant.equals(PLAIN) ? "-" : "-" + variant + "-") + run + ".log";
            try {
                Prepared prepared = prepare(target, work, warmup, iterations);
                Map<String, String> props = new LinkedHashMap<>(prepared.props());
                if (variant.equals(INVOKE_PRIMING)) {
                    props.put("lambda.priming", "invoke");
                } else if (variant.equals(CLASS_PRIMING)) {
                    props.put("lambda.priming", "classes");
                    props.put("lambda.priming.class-list", classList(work, target).toString());
                }
                if (run == 1 && variant.equals(PLAIN) && flatness > 0 && target.operation().equals("todos-list")) {
                    props.put("bench.flatness", String.valueOf(flatness)); // after the cold figures: no effect on them
                }
                Map<String, Object> result = launch(target, extra, props, logs.resolve(logName));
                result.put("jarMb", round(Files.size(target.jar()) / 1024.0 / 1024.0));
                check(target, prepared, result, logs.resolve(logName));
                results.get(variant).get(target.name()).add(result);
                log(String.format(Locale.ROOT, "run %d/%d %-14s %-22s first response %6s ms, init %6s ms, warm median %s ms",
                    run, runs, variant, target.name(), result.get("timeToFirstResponseMs"), result.get("initMs"),
                    result.get("warmMedianMs")));
            } catch (Exception e) {
                fail(target, "run " + run + " (" + variant + ")", e, failed);
            }
        }
    }

    private void fail(Target target, String what, Exception e, Set<String> failed) {
        failed.add(target.name());
        String message = target.name() + ", " + what + ": " + e.getMessage();
        failures.add(message.lines().findFirst().orElse(message));
        log("FAILED " + message);
    }

    // ---------------------------------------------------------------- discovery

    private boolean withCds(Target target) {
        return cdsTargets == null || cdsTargets.contains(target.name());
    }

    /** Priming is the HTTP handler's: the Cognito triggers and the other event functions have none. */
    private boolean withPriming(Target target) {
        return !target.reference() && target.handler().equals(HTTP_HANDLER)
            && (primingTargets.contains("all") || primingTargets.contains(target.name()));
    }

    private static Path classList(Path work, Target target) {
        return work.resolve(target.name() + "-priming-classes.txt");
    }

    /**
     * One training run of the jar with {@code -Xlog:class+load} (as Powertools' class priming records its list), turned
     * into the list {@code lambda.priming=classes} reads: binary names in load order, without the JVM's hidden and
     * generated classes (lambda forms, proxies: no name to load them by) and without this benchmark's launcher.
     */
    private Path recordClassList(Target target, Path work, Path logs) throws Exception {
        Path loadLog = work.resolve(target.name() + "-class-load.log");
        Files.deleteIfExists(loadLog);
        Prepared prepared = prepare(target, work, trainingInvocations, 0);
        Map<String, String> props = new LinkedHashMap<>(prepared.props());
        props.put("bench.iterations", "0");
        launch(target, List.of("-Xlog:class+load=info:file=" + loadLog + ":none"), props, logs.resolve(target.name() + "-class-list-training.log"));
        List<String> names = new ArrayList<>();
        names.add("# classes loaded by " + target.jar().getFileName() + " handling " + (trainingInvocations + 1) + " " + target.operation() + " events");
        try (Stream<String> lines = Files.lines(loadLog)) {
            lines.map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
                int space = line.indexOf(' ');
                String name = space < 0 ? line : line.substring(0, space);
                String source = space < 0 ? "" : line.substring(space);
                if (!name.contains("/") && !name.contains("$$Lambda") && !source.contains("__")
                    && !name.startsWith("app.mobilebackend.benchmarks.")) {
                    names.add(name);
                }
            });
        }
        if (names.size() < 100) {
            throw new IllegalStateException("the training run recorded only " + (names.size() - 1) + " classes, see " + loadLog);
        }
        return Files.write(classList(work, target), names);
    }

    /** The references (floor first), then every function that has a Lambda jar and an event file. */
    private List<Target> discover() throws IOException {
        List<Target> targets = new ArrayList<>();
        Path refs = bench.resolve("references");
        if (Files.isDirectory(refs) && !(referenceFilter != null && referenceFilter.equals(List.of("none")))) {
            try (Stream<Path> dirs = Files.list(refs)) {
                for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("bench.properties"))).sorted().toList()) {
                    String name = "ref-" + dir.getFileName();
                    if (referenceFilter != null && !referenceFilter.contains(name) && !referenceFilter.contains(dir.getFileName().toString())) {
                        continue;
                    }
                    Properties p = new Properties();
                    try (InputStream in = Files.newInputStream(dir.resolve("bench.properties"))) {
                        p.load(in);
                    }
                    Path jar = lambdaJar(dir.resolve("target"), "");
                    if (jar == null) {
                        throw new IllegalStateException("no " + root.relativize(dir) + "/target/*-lambda.jar: build it with "
                            + "./mvnw -f " + root.relativize(dir) + "/pom.xml package (benchmarks/run does)");
                    }
                    targets.add(new Target(name, p.getProperty("label", name), true, Boolean.parseBoolean(p.getProperty("floor")),
                        jar, p.getProperty("handler"), p.getProperty("operation")));
                }
            }
        }
        targets.sort((a, b) -> Boolean.compare(b.floor(), a.floor()));

        List<String> withEvents = new ArrayList<>();
        try (Stream<Path> events = Files.list(bench.resolve("events"))) {
            events.map(e -> e.getFileName().toString()).filter(n -> n.endsWith(".json"))
                .map(n -> n.substring(0, n.length() - ".json".length())).sorted().forEach(withEvents::add);
        }
        List<String> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).map(d -> d.getFileName().toString()).sorted().forEach(modules::add);
        }
        for (String module : modules) {
            Path jar = lambdaJar(root.resolve("functions/" + module + "/target"), "function-" + module + "-");
            if (jar != null && !withEvents.contains(module)) {
                warn("skipping function " + module + ": it has a Lambda jar but no benchmarks/events/" + module + ".json");
            }
        }
        Map<String, String> handlers = deployedHandlers();
        for (String function : withEvents) {
            if (functionFilter != null && !functionFilter.contains(function)) {
                continue;
            }
            if (!modules.contains(function)) {
                warn("benchmarks/events/" + function + ".json names no module functions/" + function + "; skipped");
                continue;
            }
            Path jar = lambdaJar(root.resolve("functions/" + function + "/target"), "function-" + function + "-");
            if (jar == null) {
                throw new IllegalStateException("functions/" + function + " has an event file but no Lambda jar in its target/: "
                    + "build it with ./mvnw package -DskipTests -pl functions/" + function + " -am (benchmarks/run does)");
            }
            targets.add(new Target(function, function, false, false, jar,
                handlers.getOrDefault(function, "app.mobilebackend.core.lambda.ApiGatewayHandler"), function));
        }
        if (functionFilter != null) {
            functionFilter.stream().filter(f -> !withEvents.contains(f)).forEach(f -> warn("--functions names " + f + ", which has no event file"));
        }
        return targets;
    }

    /**
     * Each function's {@code Handler} as deployed, from infra-cloudformation's templates: the {@code Handler:} of the
     * resource whose code is {@code function-<name>-lambda.jar}. The HTTP functions all name ApiGatewayHandler
     * (Micronaut's API Gateway handler, started as core configures it); the others (Cognito triggers, EventBridge and schedule targets, the migration) a class of their own.
     * A jar some resources deploy with further handlers of its module ({@code function.more-handlers}: the
     * pre-token-generation, welcome-mail and origin-verify rotation functions) is measured as its main class
     * ({@code exec.mainClass}), the function its events file is for.
     */
    private Map<String, String> deployedHandlers() throws IOException {
        Map<String, String> handlers = new LinkedHashMap<>();
        Path stacks = root.resolve("infra-cloudformation/templates/stacks");
        if (!Files.isDirectory(stacks)) {
            return handlers;
        }
        Pattern resource = Pattern.compile("^  [A-Za-z0-9]+:\\s*$");
        Pattern handler = Pattern.compile("^\\s+Handler:\\s*(\\S+)\\s*$");
        Pattern code = Pattern.compile("function-([a-z0-9-]+)-lambda\\.jar");
        try (Stream<Path> files = Files.list(stacks)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String current = null;
                for (String line : Files.readAllLines(file)) {
                    Matcher h = handler.matcher(line);
                    Matcher c = code.matcher(line);
                    if (resource.matcher(line).matches()) {
                        current = null;
                    } else if (h.matches()) {
                        current = h.group(1);
                    } else if (c.find() && current != null) {
                        String module = c.group(1);
                        if (!handlers.containsKey(module) || current.equals(mainClass(module))) {
                            handlers.put(module, current);
                        }
                    }
                }
            }
        }
        return handlers;
    }

    /** The module's {@code exec.mainClass}, or null. */
    private String mainClass(String module) throws IOException {
        Path pom = root.resolve("functions").resolve(module).resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return null;
        }
        Matcher main = Pattern.compile("<exec.mainClass>([^<]+)</exec.mainClass>").matcher(Files.readString(pom));
        return main.find() ? main.group(1).trim() : null;
    }

    private static Path lambdaJar(Path target, String prefix) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith("-lambda.jar");
            }).findFirst().orElse(null);
        }
    }

    // ---------------------------------------------------------------- one cold start

    /**
     * A cold start's system properties, the rows the driver created for it (to-dos, files, orders, devices: the
     * {@code {{ID}}} of each invocation), how many invocations it makes, and, for post-confirmation, how many welcome
     * mail requests the outbox held before.
     */
    record Prepared(Map<String, String> props, List<String> ids, int invocations, int welcomeRequestsBefore) {
    }

    /**
     * The function's configuration, as the deployed function gets it (there from the environment / SSM): the database,
     * the identity provider, and what its own environment adds, pointed at the stand-ins ({@link StandIns}).
     */
    private Map<String, String> configuration(String operation) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("db.url", db.url());
        all.put("db.username", db.username());
        all.put("db.password", db.password());
        all.putAll(idp.properties());
        all.putAll(standIns.properties(operation));
        Map<String, String> props = new LinkedHashMap<>();
        all.forEach((name, value) -> props.put(name, value instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
        return props;
    }

    /**
     * A fresh user per cold start and what its operation needs beforehand: rows in the database (some once, some one
     * per invocation, for operations that delete or move them), objects in S3, push endpoints in SNS, pending outbox
     * events; for the functions that answer no HTTP status, the answer every invocation must give.
     */
    private Prepared prepare(Target target, Path work, int warmupCount, int iterationCount) throws SQLException, IOException {
        String sub = "bench-" + UUID.randomUUID();
        String operation = target.operation();
        int invocations = 1 + warmupCount + iterationCount;
        Map<String, String> props = new LinkedHashMap<>(configuration(operation));
        props.put("bench.token", operation.equals("content-access")
            // premium content needs a premium caller: the Cognito group, as the pool puts it in the token
            ? idp.sign(idp.accessClaims(sub, Duration.ofHours(1)).claim("cognito:groups", List.of("premium")).build())
            : idp.accessToken(sub));
        props.put("bench.sub", sub);
        props.put("bench.warmup", String.valueOf(warmupCount));
        props.put("bench.iterations", String.valueOf(iterationCount));
        props.put("bench.handler", target.handler());
        props.put("bench.event", bench.resolve("events/" + operation + ".json").toString());
        List<String> ids = switch (operation) {
            case "todos-list" -> insertTodos(sub, 5); // a short first page
            case "todos-get", "todos-update" -> insertTodos(sub, 1); // the same to-do every time (update follows its ETag)
            case "todos-delete" -> insertTodos(sub, invocations); // each invocation deletes a to-do of its own
            case "files-list" -> insertFiles(sub, 5, false);
            case "files-get" -> insertFiles(sub, 1, true);
            case "files-delete" -> insertFiles(sub, invocations, true); // a file and its object per invocation
            case "thumbnails" -> insertPhotos(sub, invocations); // each invocation makes the thumbnail of a photo of its own
            case "orders-list" -> insertOrders(sub, 5);
            case "orders-get" -> insertOrders(sub, 1);
            case "orders-status" -> insertOrders(sub, invocations); // each invocation ships an order of its own
            case "devices-list" -> insertDevices(sub, 5);
            case "devices-delete" -> insertDevices(sub, invocations); // a device and its endpoint per invocation
            case "outbox-relay" -> seedOutbox(sub, OUTBOX_EVENTS);
            case "sync-changes" -> logChanges(sub, insertTodos(sub, 5)); // a snapshot of 5 to-dos
            case "app-updates-latest" -> publishUpdate(); // the android manifest every invocation reads
            default -> List.of();
        };
        if (!ids.isEmpty()) {
            Path file = Files.createTempFile(work, target.name() + "-ids-", ".txt"); // one per run: training runs go in parallel
            Files.write(file, ids);
            props.put("bench.ids", file.toString());
        }
        props.put("bench.version", operation.equals("todos-update") ? "1" : "0");
        String expect = switch (operation) {
            case "migrate" -> "\\{\"migrationsApplied\":\\d+,\"schemaVersion\":\"\\d+\"}";
            case "orders-status" -> "\\{\"outcome\":\"CHANGED\"}";
            case "thumbnails" -> "\\{\"outcome\":\"MADE\"}";
            case "outbox-relay" -> "\"failed\":0,"; // the first answer's "published" is checked by check()
            case "post-confirmation" -> "\"triggerSource\":\"PostConfirmation_ConfirmSignUp\"";
            // both records of Firehose's batch cleansed and kept
            case "events-transform" -> "(?s)^(?!.*ProcessingFailed)(?!.*Dropped).*\"result\":\"Ok\".*\"result\":\"Ok\".*";
            case "user-migration" -> "(?s)(?=.*\"finalUserStatus\":\"CONFIRMED\")(?=.*\"email\":\"" + StandIns.LEGACY_EMAIL + "\")";
            default -> null;
        };
        if (expect != null) {
            props.put("bench.expect", expect);
        }
        int welcomeRequestsBefore = operation.equals("post-confirmation") ? welcomeRequests() : 0;
        return new Prepared(props, ids, invocations, welcomeRequestsBefore);
    }

    /** The android manifest app-updates-latest reads: the spec's example (latest 2.4.0, minimum 2.0.0). */
    static final String UPDATE_MANIFEST = "{\"platform\":\"android\",\"latestVersion\":\"2.4.0\",\"minimumVersion\":\"2.0.0\","
        + "\"releaseNotes\":\"Offline sync for preferences; faster start.\",\"releasedAt\":\"2026-12-01T09:00:00Z\","
        + "\"key\":\"updates/android/2.4.0/app-release.apk\","
        + "\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"size\":48213504}";

    private List<String> publishUpdate() {
        standIns.putUpdateManifest("android", UPDATE_MANIFEST);
        return List.of();
    }

    /** The welcome mail requests post-confirmation left in the outbox (the welcome-mail function sends them). */
    private int welcomeRequests() {
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             var count = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox WHERE type = 'WelcomeMailRequested'")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the welcome mail requests", e);
        }
    }

    /** Pending outbox events outbox-relay finds on its first invocation (the warm ones find none). */
    private static final int OUTBOX_EVENTS = 5;

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

    /** The user's change log as the to-do writes leave it: one change per to-do, numbered from 1 in {@code ids}' order. */
    private List<String> logChanges(String sub, List<String> ids) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement log = c.prepareStatement("INSERT INTO sync_log (owner_sub, log_id, seq, purged_seq) VALUES (?, ?, ?, 0)");
             PreparedStatement change = c.prepareStatement("INSERT INTO sync_change (owner_sub, entity_type, entity_id, seq, deleted, "
                 + "version, changed_at) VALUES (?, 'todo', ?, ?, FALSE, 1, UTC_TIMESTAMP(3))")) {
            c.setAutoCommit(false);
            log.setString(1, sub);
            log.setString(2, uuidV7());
            log.setLong(3, ids.size());
            log.executeUpdate();
            for (int i = 0; i < ids.size(); i++) {
                change.setString(1, sub);
                change.setString(2, ids.get(i));
                change.setLong(3, i + 1);
                change.addBatch();
            }
            change.executeBatch();
            c.commit();
        }
        return List.of();
    }

    /** Files as files-create and an upload leave them: the row, and (with {@code objects}) its bytes in S3. */
    /**
     * Photos as a phone uploads them: file rows ({@code image/jpeg}) and their objects, one JPEG of 1600 x 1200 (a
     * gradient, so it compresses as a photo does, not to nothing) under each.
     */
    private List<String> insertPhotos(String sub, int count) throws SQLException, IOException {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, ((x * 255 / 1600) << 16) | ((y * 255 / 1200) << 8) | ((x ^ y) & 0xFF));
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        byte[] bytes = jpeg.toByteArray();
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement insert = c.prepareStatement("INSERT INTO files (id, owner_sub, name, content_type, size, created_at) "
                 + "VALUES (?, ?, ?, 'image/jpeg', ?, UTC_TIMESTAMP(3))")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = uuidV7();
                insert.setString(1, id);
                insert.setString(2, sub);
                insert.setString(3, "IMG_" + i + ".jpg");
                insert.setLong(4, bytes.length);
                insert.addBatch();
                ids.add(id);
                standIns.putObject(StandIns.fileKey(sub, id), "image/jpeg", bytes);
            }
            insert.executeBatch();
            c.commit();
        }
        return ids;
    }

    private List<String> insertFiles(String sub, int count, boolean objects) throws SQLException {
        byte[] bytes = new byte[48213]; // the spec's example size
        random.nextBytes(bytes);
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement insert = c.prepareStatement("INSERT INTO files (id, owner_sub, name, content_type, size, created_at) "
                 + "VALUES (?, ?, ?, 'application/pdf', ?, UTC_TIMESTAMP(3))")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = uuidV7();
                insert.setString(1, id);
                insert.setString(2, sub);
                insert.setString(3, "receipt-" + i + ".pdf");
                insert.setLong(4, bytes.length);
                insert.addBatch();
                ids.add(id);
                if (objects) {
                    standIns.putObject(StandIns.fileKey(sub, id), "application/pdf", bytes);
                }
            }
            insert.executeBatch();
            c.commit();
        }
        return ids;
    }

    /** PLACED orders of two green teas (the spec's example), priced as the catalog prices them. */
    private List<String> insertOrders(String sub, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement order = c.prepareStatement("INSERT INTO orders (id, owner_sub, status, total_minor, currency, "
                 + "idempotency_key, request_hash, created_at, updated_at, version) "
                 + "VALUES (?, ?, 'PLACED', 900, 'EUR', ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)");
             PreparedStatement line = c.prepareStatement("INSERT INTO order_lines (id, order_id, line_no, sku, name, quantity, "
                 + "unit_price_minor, currency) SELECT ?, ?, 1, sku, name, 2, unit_price_minor, currency FROM products "
                 + "WHERE sku = 'TEA-GREEN-100'")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = uuidV7();
                order.setString(1, id);
                order.setString(2, sub);
                order.setString(3, UUID.randomUUID().toString());
                order.setString(4, sha256(id));
                order.addBatch();
                line.setString(1, uuidV7());
                line.setString(2, id);
                line.addBatch();
                ids.add(id);
            }
            order.executeBatch();
            line.executeBatch();
            c.commit();
        }
        return ids;
    }

    /** FCM devices as devices-register leaves them: an SNS platform endpoint each, and the row. */
    private List<String> insertDevices(String sub, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement insert = c.prepareStatement("INSERT INTO device (id, owner_sub, platform, token, token_hash, "
                 + "endpoint_arn, enabled, created_at, updated_at) VALUES (?, ?, 'FCM', ?, ?, ?, TRUE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = uuidV7();
                String token = "dQw4w9WgXcQ:APA91bH-example-registration-token-" + UUID.randomUUID();
                insert.setString(1, id);
                insert.setString(2, sub);
                insert.setString(3, token);
                insert.setString(4, sha256(token));
                insert.setString(5, standIns.createFcmEndpoint(token));
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
            c.commit();
        }
        return ids;
    }

    /**
     * {@code count} pending {@code OrderPlaced} events for EventBridge, and nothing else pending: the events other
     * targets left in the outbox (orders-create, orders-status; nothing relays them here) are marked published first,
     * so that every outbox-relay cold start finds the same work.
     */
    private List<String> seedOutbox(String sub, int count) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement drain = c.prepareStatement("UPDATE outbox SET published_at = UTC_TIMESTAMP(3) WHERE published_at IS NULL");
             PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (id, destination, type, user_id, payload, created_at) "
                 + "VALUES (?, 'eventbridge', 'OrderPlaced', ?, ?, UTC_TIMESTAMP(3))")) {
            c.setAutoCommit(false);
            drain.executeUpdate();
            for (String orderId : insertOrders(sub, count)) {
                String id = uuidV7();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("eventId", id);
                detail.put("type", "OrderPlaced");
                detail.put("orderId", orderId);
                detail.put("userId", sub);
                detail.put("status", "PLACED");
                detail.put("lines", List.of(Map.of("sku", "TEA-GREEN-100", "name", "Green tea, 100 g", "quantity", 2,
                    "unitPrice", Map.of("amountMinor", 450, "currency", "EUR"), "lineTotal", Map.of("amountMinor", 900, "currency", "EUR"))));
                detail.put("total", Map.of("amountMinor", 900, "currency", "EUR"));
                detail.put("occurredAt", Instant.now().toString());
                insert.setString(1, id);
                insert.setString(2, sub);
                insert.setString(3, Json.write(detail));
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
        return List.of();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids the functions create are UUIDv7: use the same kind. */
    private String uuidV7() {
        long ms = System.currentTimeMillis();
        long msb = (ms << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Item fields of the first GET /todos answer seen: every other answer of that operation must have the same. */
    private Set<String> todoFields;
    private String todoFieldsFrom;

    /**
     * The answer is the right one, not only a 2xx: for {@code GET /todos}, the page holds exactly the to-dos inserted
     * for that user, in id order, with the same fields as every other target's answer to it. Warm non-2xx answers
     * fail the run too.
     */
    @SuppressWarnings("unchecked")
    private void check(Target target, Prepared prepared, Map<String, Object> result, Path log) {
        if (result.get("warmStatuses") instanceof Map<?, ?> statuses) {
            int non2xx = statuses.entrySet().stream().filter(e -> !String.valueOf(e.getKey()).startsWith("2"))
                .mapToInt(e -> ((Number) e.getValue()).intValue()).sum();
            result.put("warmNon2xx", non2xx);
            if (non2xx > 0) {
                throw new IllegalStateException("answered non-2xx to " + non2xx + " warm invocations " + statuses + ", see " + log);
            }
        }
        String first = String.valueOf(result.get("firstBody"));
        switch (target.operation()) {
            case "outbox-relay" -> { // the seeded events, all published by the first invocation
                if (!first.contains("\"published\":" + OUTBOX_EVENTS + ",")) {
                    throw new IllegalStateException("outbox-relay's first run did not publish the " + OUTBOX_EVENTS + " pending events: " + first);
                }
            }
            case "app-updates-latest" -> { // the manifest's build, and an app at 2.1.0 may update but need not
                if (!first.contains("\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"")
                    || !first.contains("\"updateAvailable\":true") || !first.contains("\"updateRequired\":false")) {
                    throw new IllegalStateException("app-updates-latest did not answer the published manifest for 2.1.0: " + first);
                }
            }
            case "thumbnails" -> { // every invocation wrote its photo's thumbnail
                int made = standIns.objectsUnder("thumbnails/" + prepared.props().get("bench.sub") + "/");
                if (made != prepared.invocations()) {
                    throw new IllegalStateException("thumbnails wrote " + made + " thumbnails for " + prepared.invocations() + " photos");
                }
            }
            case "files-delete" -> { // every invocation deleted its file's bytes too
                int left = standIns.objectsUnder(StandIns.fileKey(prepared.props().get("bench.sub"), ""));
                if (left > 0) {
                    throw new IllegalStateException("files-delete left " + left + " of the user's objects in S3");
                }
            }
            case "post-confirmation" -> { // one welcome mail request per confirmed user, that is per invocation
                int requested = welcomeRequests() - prepared.welcomeRequestsBefore();
                if (requested != prepared.invocations()) {
                    throw new IllegalStateException("post-confirmation requested " + requested + " welcome mails for "
                        + prepared.invocations() + " sign-ups");
                }
            }
            default -> {
            }
        }
        if (!target.operation().equals("todos-list")) {
            if (!target.handler().endsWith("ApiGatewayHandler")) {
                return; // a non-HTTP function's answer is short: kept in latest.json
            }
            result.remove("firstBody");
            return;
        }
        String body = String.valueOf(result.get("firstBody")); // kept in latest.json: the answers side by side
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (RuntimeException e) {
            throw new IllegalStateException("GET /todos answered no JSON: " + body);
        }
        if (!(parsed instanceof Map<?, ?> page) || !(page.get("items") instanceof List<?> items)) {
            throw new IllegalStateException("GET /todos answered no TodoPage: " + body);
        }
        // the page is in id order (ids created in the same millisecond are not in insertion order)
        List<String> expected = prepared.ids().stream().sorted().toList();
        List<String> ids = items.stream().map(i -> String.valueOf(((Map<String, Object>) i).get("id"))).toList();
        if (!ids.equals(expected)) {
            throw new IllegalStateException("GET /todos answered the to-dos " + ids + ", not the user's " + expected);
        }
        for (Object i : items) {
            Map<String, Object> item = (Map<String, Object>) i;
            String title = "Buy milk " + prepared.ids().indexOf(String.valueOf(item.get("id")));
            if (!title.equals(item.get("title")) || !"Oat, 2 litres".equals(item.get("notes"))
                || !Boolean.FALSE.equals(item.get("done")) || !Objects.equals(1L, item.get("version"))) {
                throw new IllegalStateException("GET /todos answered a wrong to-do: " + item);
            }
        }
        Set<String> fields = new TreeSet<>(((Map<String, Object>) items.get(0)).keySet());
        fields.addAll(((Map<String, Object>) page).keySet().stream().map(k -> "page." + k).toList());
        synchronized (this) {
            if (todoFields == null) {
                todoFields = fields;
                todoFieldsFrom = target.name();
            } else if (!todoFields.equals(fields)) {
                throw new IllegalStateException("GET /todos answered the fields " + fields + ", but " + todoFieldsFrom
                    + " answered " + todoFields + ": " + body);
            }
        }
    }

    private Map<String, Object> launchBaseline(Path log) throws IOException, InterruptedException {
        return launch(BASELINE, List.of(launcherJar.toString()), List.of(), Map.of("bench.handler", "none"), log);
    }

    private Map<String, Object> launch(Target target, List<String> extraFlags, Map<String, String> props, Path log)
        throws IOException, InterruptedException {
        return launch(target.name(), List.of(target.jar().toString(), launcherJar.toString()), extraFlags, props, log);
    }

    private Map<String, Object> launch(String name, List<String> classPath, List<String> extraFlags, Map<String, String> props,
                                       Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(extraFlags);
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
        // a measured run with an archive: the JVM says so if it could not use it (the training runs' CDS warnings
        // about classes it leaves out of the archive are normal and not looked at)
        boolean usesArchive = extraFlags.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile"));
        List<String> cdsWarnings = !usesArchive ? List.of()
            : output.lines().filter(l -> l.contains("[cds") && (l.contains("warning") || l.contains("error"))).toList();
        for (String line : output.split("\n")) {
            if (line.startsWith("BENCH_RESULT ")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) Json.parse(line.substring("BENCH_RESULT ".length()));
                long first = ((Number) result.get("firstResponseEpochMs")).longValue();
                result.put("spawnToFirstResponseMs", first - spawnEpochMs);
                if (!cdsWarnings.isEmpty()) {
                    result.put("cdsWarnings", cdsWarnings);
                    warn(name + ": the JVM warned about CDS (" + cdsWarnings.get(0) + "), see " + log);
                }
                return result;
            }
        }
        throw new IllegalStateException("exit " + process.exitValue() + ", see " + log + ":\n" + tail(output, 40));
    }

    // ---------------------------------------------------------------- wrk on the dev server

    /**
     * The dev server (every function behind one HTTP port, dev-server/) in a JVM of its own, on a free port, against
     * the same database, loaded by wrk: {@code GET /todos} with a token (5 to-dos), then {@code GET /health}.
     */
    private Map<String, Object> loadDevServer(Path logs) {
        Map<String, Object> result = new LinkedHashMap<>();
        String wrk = which("wrk");
        if (wrk == null) {
            warn("wrk is not installed (apt-get install wrk): no load test of the dev server");
            result.put("skipped", "wrk not installed");
            return result;
        }
        Process server = null;
        Path log = logs.resolve("dev-server.log");
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path data = Files.createDirectories(bench.resolve("target/work/dev-server"));
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "app.mobilebackend.devserver.DevServer").redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().put("DEV_DATA_DIR", data.toString());
            builder.environment().put("DB_URL", db.url());
            builder.environment().put("DB_USERNAME", db.username());
            builder.environment().put("DB_PASSWORD", db.password());
            log("starting the dev server on port " + port + " (log: " + root.relativize(log) + ")");
            long t0 = System.nanoTime();
            server = builder.start();
            String base = "http://127.0.0.1:" + port;
            while (get(base + "/health", null) != 200) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the dev server exited (" + server.exitValue() + "), see " + log);
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("the dev server did not answer /health in 3 minutes, see " + log);
                }
                Thread.sleep(200);
            }
            result.put("startSeconds", round((System.nanoTime() - t0) / 1e9));
            String sub = "bench-wrk-" + UUID.randomUUID();
            String token = token(base + "/_dev/token?sub=" + sub);
            insertTodos(sub, 5);
            result.put("threads", 2);
            result.put("connections", 32);
            result.put("durationSeconds", wrkSeconds);
            result.put("warmupSeconds", wrkWarmupSeconds);
            Map<String, Object> endpoints = new LinkedHashMap<>();
            endpoints.put("GET /todos", wrk(wrk, base + "/todos?limit=20&done=false", token, logs.resolve("wrk-todos.log")));
            endpoints.put("GET /health", wrk(wrk, base + "/health", null, logs.resolve("wrk-health.log")));
            result.put("endpoints", endpoints);
        } catch (Exception e) {
            failures.add("dev server under wrk: " + e.getMessage());
            log("FAILED dev server under wrk: " + e.getMessage());
            result.put("error", String.valueOf(e.getMessage()));
        } finally {
            if (server != null) {
                server.destroy();
                try {
                    if (!server.waitFor(20, TimeUnit.SECONDS)) {
                        server.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    server.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
        return result;
    }

    private Map<String, Object> wrk(String wrk, String url, String token, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wrk, "-t2", "-c32", "--latency"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        if (wrkWarmupSeconds > 0) { // JIT and pool warm-up, not recorded
            run(concat(command, "-d" + wrkWarmupSeconds + "s", url), log.resolveSibling(log.getFileName() + ".warmup"));
        }
        String output = run(concat(command, "-d" + wrkSeconds + "s", url), log);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", url.replaceFirst("http://127.0.0.1:\\d+", ""));
        r.put("requestsPerSecond", number(output, "Requests/sec:\\s+([0-9.]+)"));
        Matcher total = Pattern.compile("(\\d+) requests in ([0-9.]+\\w+)").matcher(output);
        r.put("requests", total.find() ? Long.parseLong(total.group(1)) : null);
        for (String p : List.of("50", "75", "90", "99")) {
            Matcher m = Pattern.compile("\\s" + p + "%\\s+([0-9.]+)(us|ms|s)\\b").matcher(output);
            r.put("p" + p + "Ms", m.find() ? millis(m.group(1), m.group(2)) : null);
        }
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        r.put("non2xx", non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0L);
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
        long socketErrors = 0;
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(errors.group(g));
            }
        }
        r.put("socketErrors", socketErrors);
        if (r.get("requestsPerSecond") == null || r.get("p99Ms") == null) {
            throw new IllegalStateException("could not read wrk's output, see " + log + ":\n" + output);
        }
        long requests = r.get("requests") == null ? 0 : (Long) r.get("requests");
        if ((Long) r.get("non2xx") > 0 || socketErrors > 0) {
            warn("wrk " + r.get("url") + ": " + r.get("non2xx") + " non-2xx answers and " + socketErrors + " socket errors in "
                + requests + " requests, see " + log);
        }
        if (requests > 0 && (Long) r.get("non2xx") >= requests) {
            throw new IllegalStateException("wrk " + r.get("url") + ": no 2xx answer at all, see " + log);
        }
        log(String.format(Locale.ROOT, "wrk %-28s %8s req/s, p50 %s ms, p99 %s ms", r.get("url"), r.get("requestsPerSecond"),
            r.get("p50Ms"), r.get("p99Ms")));
        return r;
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static String run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in 10 minutes");
        }
        return Files.readString(log);
    }

    private static Double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    private static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return round(switch (unit) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        });
    }

    private static int get(String url, String[] body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (body != null) {
                    body[0] = text;
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static String token(String url) {
        String[] body = new String[1];
        int status = get(url, body);
        if (status != 200) {
            throw new IllegalStateException("GET " + url + " answered " + status);
        }
        return String.valueOf(((Map<String, Object>) Json.parse(body[0])).get("accessToken"));
    }

    private static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the report

    private static final String[] SUMMARIZED = {"timeToFirstResponseMs", "spawnToFirstResponseMs", "initMs",
        "firstInvokeMs", "warmMedianMs", "warmP90Ms", "classesLoaded", "beansCreated", "beanDefinitions", "peakRssMb",
        "rssAtFirstResponseMb", "jarMb", "jvmToMainMs"};

    /** The figures that get a ratio to the floor: first response, init, warm, classes, jar. */
    private static final String[] RATIOED = {"timeToFirstResponseMs", "initMs", "warmMedianMs", "classesLoaded", "jarMb"};

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

    @SuppressWarnings("unchecked")
    private static Double medianOf(Map<String, Object> summary, String key) {
        Map<String, Object> s = (Map<String, Object>) summary.get(key);
        return s == null ? null : ((Number) s.get("median")).doubleValue();
    }

    /**
     * ratios[variant][target][figure] = the target's median ÷ the floor's median, same variant (the priming variants,
     * which the floor has not: without CDS), same run.
     */
    private Map<String, Object> ratios(List<Target> targets, Map<String, Map<String, List<Map<String, Object>>>> results) {
        Map<String, Object> all = new LinkedHashMap<>();
        Target floor = targets.stream().filter(Target::floor).findFirst().orElse(null);
        results.forEach((variant, byTarget) -> {
            Map<String, Object> perTarget = new LinkedHashMap<>();
            List<Map<String, Object>> floorRuns = floor == null ? null
                : byTarget.getOrDefault(floor.name(), isPriming(variant) ? results.get(PLAIN).get(floor.name()) : null);
            if (floorRuns != null && !floorRuns.isEmpty()) {
                Map<String, Object> floorSummary = summary(floorRuns);
                byTarget.forEach((name, list) -> {
                    if (list.isEmpty()) {
                        return;
                    }
                    Map<String, Object> s = summary(list);
                    Map<String, Object> r = new LinkedHashMap<>();
                    for (String key : RATIOED) {
                        Double a = medianOf(s, key);
                        Double b = medianOf(floorSummary, key);
                        r.put(key, a == null || b == null || b == 0 ? null : round(a / b));
                    }
                    perTarget.put(name, r);
                });
            }
            all.put(variant, perTarget);
        });
        return all;
    }

    private static boolean isPriming(String variant) {
        return variant.equals(INVOKE_PRIMING) || variant.equals(CLASS_PRIMING);
    }

    @SuppressWarnings("unchecked")
    private String markdown(Map<String, Object> machine, Map<String, Object> config, List<Target> targets,
                            Map<String, Map<String, List<Map<String, Object>>>> results, Map<String, Object> archiveMb,
                            Map<String, Object> primingClasses, Map<String, Object> wrk) {
        StringBuilder md = new StringBuilder();
        md.append("# Cold start and footprint: latest results\n\n");
        md.append("Generated by `benchmarks/run` on ").append(machine.get("date"))
            .append(". See `benchmarks/README.md` for what each column means.\n\n");
        md.append("- Machine: ").append(machine.get("nproc")).append(" CPUs (`nproc`), ").append(machine.get("cpu"))
            .append(", ").append(machine.get("memoryMb")).append(" MB memory, ").append(machine.get("os")).append('\n');
        md.append("- JDK: ").append(machine.get("jdk")).append('\n');
        md.append("- JVM flags: `").append(String.join(" ", jvmFlags)).append("`\n");
        md.append("- Runs: ").append(runs).append(" fresh JVMs per target and variant, interleaved; warm: ").append(warmup)
            .append(" invocations not measured, then ").append(iterations).append(" measured\n");
        if (jobs > 1) {
            md.append("- **").append(jobs).append(" targets launched at a time** (`--jobs`): the JVMs shared the CPUs, so these "
                + "figures say that everything works, not how fast\n");
        }
        if (cds) {
            md.append("- AppCDS: one archive per jar, from a training run outside the measured runs (`-XX:ArchiveClassesAtExit`, ")
                .append(trainingInvocations + 1).append(" invocations of the same event), then `-XX:SharedArchiveFile`\n");
        }
        md.append("- Load average at the end (1, 5, 15 min): ").append(config.get("loadAverageAtEnd")).append('\n');
        if (!note.isBlank()) {
            md.append("- Note: ").append(note).append('\n');
        }
        md.append("- Took ").append(config.get("durationSeconds")).append(" s\n\n");

        Target floor = targets.stream().filter(Target::floor).findFirst().orElse(null);
        if (floor != null) {
            md.append("×floor: the target's median ÷ the median of **").append(floor.label()).append("** (`")
                .append(floor.name()).append("`) in the same table. The references implement `GET /todos` only (the ")
                .append("`todos-list` function's operation); for the other functions the ratio compares against the same ")
                .append("floor, a bound rather than a like-for-like.\n\n");
        }
        Map<String, Object> ratios = ratios(targets, results);
        for (String variant : results.keySet()) {
            boolean withCds = variant.equals(CDS);
            boolean priming = isPriming(variant);
            md.append(switch (variant) {
                case CDS -> "## With an AppCDS archive per jar\n\n";
                case INVOKE_PRIMING -> "## Invoke priming during init (`LAMBDA_PRIMING=invoke`), without an AppCDS archive\n\n"
                    + "The handler sends each of its routes one request without a token (401) through itself before init ends. "
                    + "×floor: against the floor without AppCDS above.\n\n";
                case CLASS_PRIMING -> "## Class priming during init (`LAMBDA_PRIMING=classes`), without an AppCDS archive\n\n"
                    + "The handler loads the classes of a list recorded by one training run of the jar (`-Xlog:class+load`, "
                    + (trainingInvocations + 1) + " invocations of the event) on a second thread while the context is built, "
                    + "and waits for it before init ends. ×floor: against the floor without AppCDS above.\n\n";
                default -> "## Without an AppCDS archive (the JDK's default CDS only)\n\n";
            });
            md.append("| Target | First response ms (min / median / max) | ×floor | Spawn → first response ms | Init ms (min / median / max) | ×floor "
                + "| First invoke ms | Warm median ms | ×floor | Classes loaded | ×floor | Beans created / definitions | Peak RSS MB | Jar MB | ×floor |");
            md.append(withCds ? " CDS archive MB | First response ÷ without CDS |\n"
                : priming ? (variant.equals(CLASS_PRIMING) ? " Classes in the list" : " Requests sent") + " | First response ÷ without priming | First invoke ÷ without priming |\n" : "\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|").append(withCds ? "---|---|\n" : priming ? "---|---|---|\n" : "\n");
            Map<String, Object> variantRatios = (Map<String, Object>) ratios.get(variant);
            results.get(variant).forEach((name, list) -> {
                Target t = targets.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                String label = t == null ? name : t.reference() ? "**" + name + "** (" + t.label() + ")" : name;
                if (list.isEmpty()) {
                    md.append("| ").append(label).append(" | FAILED (see the log) |").append(" |".repeat(withCds ? 15 : priming ? 16 : 13)).append('\n');
                    return;
                }
                Map<String, Object> s = summary(list);
                Map<String, Object> r = (Map<String, Object>) variantRatios.getOrDefault(name, Map.of());
                md.append("| ").append(label)
                    .append(" | ").append(range(s, "timeToFirstResponseMs"))
                    .append(" | ").append(ratio(r, "timeToFirstResponseMs"))
                    .append(" | ").append(med(s, "spawnToFirstResponseMs"))
                    .append(" | ").append(range(s, "initMs"))
                    .append(" | ").append(ratio(r, "initMs"))
                    .append(" | ").append(med(s, "firstInvokeMs"))
                    .append(" | ").append(med(s, "warmMedianMs"))
                    .append(" | ").append(ratio(r, "warmMedianMs"))
                    .append(" | ").append(med(s, "classesLoaded"))
                    .append(" | ").append(ratio(r, "classesLoaded"))
                    .append(" | ").append(med(s, "beansCreated")).append(" / ").append(med(s, "beanDefinitions"))
                    .append(" | ").append(med(s, "peakRssMb"))
                    .append(" | ").append(med(s, "jarMb"))
                    .append(" | ").append(ratio(r, "jarMb"));
                if (withCds) {
                    Object mb = archiveMb.get(name);
                    List<Map<String, Object>> plain = results.get(PLAIN).get(name);
                    Double without = plain == null || plain.isEmpty() ? null : medianOf(summary(plain), "timeToFirstResponseMs");
                    Double with = medianOf(s, "timeToFirstResponseMs");
                    md.append(" | ").append(mb == null ? "–" : fmt(mb))
                        .append(" | ").append(without == null || with == null || without == 0 ? "–" : fmt(round(with / without)));
                }
                if (priming) {
                    List<Map<String, Object>> plain = results.get(PLAIN).get(name);
                    Map<String, Object> p = plain == null || plain.isEmpty() ? null : summary(plain);
                    md.append(" | ").append(variant.equals(CLASS_PRIMING) ? fmtOrDash(primingClasses.get(name)) : "one per route")
                        .append(" | ").append(quotient(s, p, "timeToFirstResponseMs"))
                        .append(" | ").append(quotient(s, p, "firstInvokeMs"));
                }
                md.append(" |\n");
            });
            md.append('\n');
        }
        md.append("Medians over the runs, except where min / median / max is given. `(baseline)` is the JVM and the launcher "
            + "with no function at all. Beans: Micronaut's beans created / bean definitions; Spring's singletons / bean "
            + "definitions; – for the hand-written handler (no container).\n\n");

        List<String[]> flat = new ArrayList<>();
        results.get(PLAIN).forEach((name, list) -> list.stream().filter(r -> r.containsKey("flatLateMedianMs")).findFirst().ifPresent(r -> {
            double early = ((Number) r.get("flatEarlyMedianMs")).doubleValue();
            double late = ((Number) r.get("flatLateMedianMs")).doubleValue();
            int n = ((Number) r.get("flatnessInvocations")).intValue();
            flat.add(new String[] {name, fmt(early), String.format(Locale.ROOT, "%,d-%,d", n - 999, n), fmt(late),
                early == 0 ? "–" : fmt(round(late / early))});
        }));
        if (!flat.isEmpty()) {
            md.append("## A warm container over many invocations\n\n");
            md.append("The first run of each `GET /todos` target (no CDS) keeps invoking after the figures above, in the same JVM. "
                + "A container that slowed down with each request would show a ratio above 1.\n\n");
            md.append("| Target | Median ms, invocations 1,001-2,000 | Invocations | Median ms | Late ÷ early |\n|---|---|---|---|---|\n");
            flat.forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
            md.append('\n');
        }

        md.append("## The dev server under load (wrk)\n\n");
        if (wrk.containsKey("endpoints")) {
            md.append("`dev-server` (every function's handler behind one JDK `HttpServer`, 16 worker threads, a pool of 10 "
                + "connections) in a JVM of its own with default flags (C2 on), started in ").append(fmt(wrk.get("startSeconds")))
                .append(" s, against the same database; `wrk -t2 -c32 -d").append(wrkSeconds).append("s --latency` after a ")
                .append(wrkWarmupSeconds).append(" s warm-up not recorded. wrk runs on the same machine and CPUs as the server.\n\n");
            md.append("| Request | Req/s | p50 ms | p90 ms | p99 ms | Requests | Non-2xx | Socket errors |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            ((Map<String, Object>) wrk.get("endpoints")).forEach((name, value) -> {
                Map<String, Object> e = (Map<String, Object>) value;
                md.append("| `").append(name).append("` (`").append(e.get("url")).append("`")
                    .append(name.contains("todos") ? ", bearer token, 5 to-dos" : "").append(")")
                    .append(" | ").append(fmtOrDash(e.get("requestsPerSecond")))
                    .append(" | ").append(fmtOrDash(e.get("p50Ms")))
                    .append(" | ").append(fmtOrDash(e.get("p90Ms")))
                    .append(" | ").append(fmtOrDash(e.get("p99Ms")))
                    .append(" | ").append(fmtOrDash(e.get("requests")))
                    .append(" | ").append(fmtOrDash(e.get("non2xx")))
                    .append(" | ").append(fmtOrDash(e.get("socketErrors")))
                    .append(" |\n");
            });
            md.append('\n');
        } else {
            md.append("Not measured: ").append(wrk.getOrDefault("skipped", wrk.get("error"))).append(".\n\n");
        }
        if (!warnings.isEmpty() || !failures.isEmpty()) {
            md.append("## Warnings and failures\n\n");
            warnings.forEach(w -> md.append("- warning: ").append(w).append('\n'));
            failures.forEach(f -> md.append("- FAILED: ").append(f).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private static String ratio(Map<String, Object> ratios, String key) {
        Object r = ratios.get(key);
        return r == null ? "–" : fmt(r) + "×";
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

    /** a's median of key ÷ b's, or – */
    private static String quotient(Map<String, Object> a, Map<String, Object> b, String key) {
        Double x = a == null ? null : medianOf(a, key);
        Double y = b == null ? null : medianOf(b, key);
        return x == null || y == null || y == 0 ? "–" : fmt(round(x / y));
    }

    private static String fmtOrDash(Object value) {
        return value instanceof Number ? fmt(value) : "–";
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

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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

    private void warn(String message) {
        warnings.add(message);
        log("WARNING: " + message);
    }

    private static void log(String message) {
        System.out.println("[benchmark] " + message);
        System.out.flush();
    }
}
