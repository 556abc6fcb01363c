package app.mobilebackend.sdk.typescript;

import app.mobilebackend.devserver.DevServer;
import app.mobilebackend.testkit.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The TypeScript SDK (the npm package in this folder) built and tested as an app would get it: {@code npm ci} from the
 * committed lock file, its types generated from the spec, {@code tsc}, then its Node tests ({@code node --test})
 * against the dev server started here. Each Node test is reported as a test of its own, failing with Node's message.
 *
 * <p>Needs Node 20.11 or newer (node:test's junit reporter) with npm. Without them the tests are skipped, saying so,
 * unless TS_SDK_REQUIRE_NODE=true (CI), when they fail instead.
 */
class TypeScriptSdkTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SPEC = Path.of(System.getProperty("api.spec", "../api-spec/openapi.yaml")).toAbsolutePath().normalize();
    private static final Path REPORT = MODULE.resolve("target/node-test-reports/TEST-client-sdk-typescript.xml");

    @TempDir
    static Path dataDir;

    @TestFactory
    List<DynamicTest> nodeTestsPassAgainstTheDevServer() throws Exception {
        Optional<String> noNode = whyNoNode();
        if (noNode.isPresent()) {
            return List.of(dynamicTest("the TypeScript SDK's Node tests", () -> Assumptions.abort(noNode.get())));
        }
        installWhenTheLockFileChanged();
        Result build = run(List.of("npm", "run", "build"), Map.of("API_SPEC", SPEC.toString()));
        assertEquals(0, build.exit(), "npm run build (generation and tsc) failed:\n" + build.output());

        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(REPORT);
        List<String> command = new ArrayList<>(List.of("node", "--test",
            "--test-reporter=spec", "--test-reporter-destination=stdout",
            "--test-reporter=junit", "--test-reporter-destination=" + REPORT));
        command.addAll(testFiles());
        Result tests;
        try (DevServer dev = DevServer.start(0, dataDir, TestDatabase.shared())) {
            tests = run(command, Map.of("MOBILE_BACKEND_URL", dev.url(), "API_SPEC", SPEC.toString()));
        }

        List<DynamicTest> each = new ArrayList<>(Files.exists(REPORT) ? nodeTests(REPORT) : List.of());
        each.add(dynamicTest("node --test exits 0", () -> assertEquals(0, tests.exit(), "node --test:\n" + tests.output())));
        return each;
    }

    /** The compiled test files, one per test/*.test.ts (so a test file deleted since the last build is not run). */
    private static List<String> testFiles() throws IOException {
        try (Stream<Path> sources = Files.list(MODULE.resolve("test"))) {
            return sources.map(source -> source.getFileName().toString())
                .filter(name -> name.endsWith(".test.ts"))
                .sorted()
                .map(name -> "dist/test/" + name.replaceFirst("\\.ts$", ".js"))
                .toList();
        }
    }

    /** Every testcase of node's junit report, as a test that passes, fails with Node's message, or is skipped. */
    private static List<DynamicTest> nodeTests(Path report) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
            .getElementsByTagName("testcase");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            Element failure = child(testcase, "failure");
            boolean skipped = child(testcase, "skipped") != null;
            String name = nameOf(testcase);
            tests.add(dynamicTest(name, () -> {
                if (failure != null) {
                    // the name too: surefire's report and console number dynamic tests ("[12]") instead of naming them
                    fail(name + ": " + failure.getAttribute("message") + "\n" + failure.getTextContent());
                }
                Assumptions.assumeFalse(skipped, "skipped by node --test");
            }));
        }
        return tests;
    }

    /** "todos > creates, lists, gets, updates and deletes a to-do": the suites (describe) it is in, then its name. */
    private static String nameOf(Element testcase) {
        StringBuilder name = new StringBuilder(testcase.getAttribute("name"));
        for (Node parent = testcase.getParentNode(); parent instanceof Element suite && suite.getTagName().equals("testsuite");
             parent = parent.getParentNode()) {
            name.insert(0, suite.getAttribute("name") + " > ");
        }
        return name.toString();
    }

    private static Element child(Element element, String tag) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element found && found.getTagName().equals(tag)) {
                return found;
            }
        }
        return null;
    }

    /** Why Node cannot build the SDK here (none, 20.11 or newer with npm, is fine); fails instead with TS_SDK_REQUIRE_NODE=true. */
    private static Optional<String> whyNoNode() throws InterruptedException {
        String missing;
        try {
            Result version = run(List.of("node", "-p", "process.versions.node"), Map.of());
            Matcher number = Pattern.compile("^(\\d+)\\.(\\d+)\\.").matcher(version.output().strip());
            if (version.exit() != 0 || !number.find()) {
                missing = "'node' on the PATH does not run: " + version.output().strip();
            } else if (Integer.parseInt(number.group(1)) * 1000 + Integer.parseInt(number.group(2)) < 20_011) {
                missing = "found Node " + version.output().strip() + ", the build needs 20.11 or newer (node:test's junit reporter).";
            } else if (run(List.of("npm", "--version"), Map.of()).exit() != 0) {
                missing = "'npm' on the PATH does not run.";
            } else {
                return Optional.empty();
            }
        } catch (IOException e) {
            missing = "no 'node' or 'npm' on the PATH (" + e.getMessage() + ").";
        }
        String message = "the TypeScript SDK's build and tests need Node: " + missing
            + " Install Node 20.11 or newer with npm (Debian/Ubuntu: apt-get install nodejs npm, or https://nodejs.org).";
        if (List.of("1", "true", "yes").contains(System.getenv().getOrDefault("TS_SDK_REQUIRE_NODE", ""))) {
            fail("FAILED: " + message + " (TS_SDK_REQUIRE_NODE is set, so the TypeScript SDK may not be skipped.)");
        }
        System.out.println("SKIPPED: " + message + " Only the TypeScript SDK is skipped.");
        return Optional.of("SKIPPED: " + message);
    }

    /** npm ci when node_modules is missing or was installed from another package-lock.json (a stamp records which). */
    private static void installWhenTheLockFileChanged() throws Exception {
        String lock = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(MODULE.resolve("package-lock.json"))));
        Path stamp = MODULE.resolve("node_modules/.sdk-install-stamp");
        if (Files.exists(stamp) && Files.readString(stamp).strip().equals(lock)) {
            return;
        }
        // --ignore-scripts: no dependency here needs an install script.
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--no-update-notifier", "--ignore-scripts"), Map.of());
        assertEquals(0, install.exit(), "npm ci failed (it needs the npm registry, or a cache, once):\n" + install.output());
        Files.writeString(stamp, lock + "\n");
    }

    record Result(int exit, String output) {
    }

    /** Runs a command in this folder, echoing its output (stdout and stderr) as it comes, within 5 minutes. */
    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("(output cut short: ").append(e.getMessage()).append(")\n");
            }
        });
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            reader.join();
            fail(String.join(" ", command) + " did not finish in 5 minutes:\n" + output);
        }
        reader.join();
        return new Result(process.exitValue(), output.toString());
    }
}
