package app.mobilebackend.probe;

import app.mobilebackend.devserver.DevServer;
import app.mobilebackend.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe app as R8 left it (../pom.xml, shrink-probe), run alone in a JVM of its own against the dev server: the
 * SDK still works after an app's release build shrinks it. The module's pom names the jar and the main class.
 */
class ShrunkProbeTest {

    @TempDir
    static Path dataDir;

    static DevServer dev;

    @BeforeAll
    static void startDevServer() throws IOException {
        dev = DevServer.start(0, dataDir, TestDatabase.shared());
    }

    @AfterAll
    static void stopDevServer() {
        if (dev != null) {
            dev.close();
            dev = null;
        }
    }

    @Test
    void shrunkProbeWalksEveryStepAgainstTheDevServer(@TempDir Path out) throws Exception {
        Run run = probe(out, dev.url(), dev.token("android-probe-" + UUID.randomUUID()));

        assertEquals(0, run.exitCode, run.describe());
        assertEquals(List.of(
            "ok health: UP, database UP",
            "ok create: 201, version 1, ETag \"1\"",
            "ok token refresh: the first token refused (401), refreshed once, the call sent again",
            "ok invalid create: 400 problem+json, title must be at least 1 character long",
            "ok list: the one to-do",
            "ok get If-None-Match \"1\": 304, not modified",
            "ok update If-Match \"1\": version 2",
            "ok stale update If-Match \"1\": 412 problem+json \"The to-do has changed since version 1; the current version is 2.\"",
            "ok delete: 204, then 404",
            "ok preferences: saved and read back at version 1",
            "ok device: registered as FCM, listed, deleted",
            "ok order: PLACED, 2150 EUR",
            "ok sync: made offline, sent, then deleted over If-Match",
            "probe passed"), run.stdout, run.describe());
    }

    @Test
    void shrunkProbeFailsWhenTheApiRefusesIt(@TempDir Path out) throws Exception {
        Run run = probe(out, dev.url(), "not-a-token");

        assertEquals(2, run.exitCode, run.describe());
        assertEquals("ok health: UP, database UP", run.stdout.get(0), run.describe());
        assertTrue(run.stdout.get(1).startsWith("ERROR "), run.describe());
        String refused = System.getProperty("probe.refused");
        assertFalse(refused.isBlank(), "the module's pom sets probe.refused");
        assertTrue(run.stdout.stream().anyMatch(line -> line.contains(refused)), run.describe());
        assertFalse(run.stdout.contains("probe passed"), run.describe());
    }

    @Test
    @SuppressWarnings("unchecked")
    void probesTheSdkOfTheCurrentSpec() throws IOException {
        // The probe module names its SDK's version by hand: after a spec version bump an old SDK from the local
        // repository would otherwise be probed, and pass.
        String sdk = System.getProperty("probe.sdk");
        Properties built = new Properties();
        try (InputStream in = ShrunkProbeTest.class.getResourceAsStream(
                "/META-INF/maven/app.mobilebackend/" + sdk + "/pom.properties")) {
            assertNotNull(in, sdk + " is not on the probe's class path");
            built.load(in);
        }
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of(System.getProperty("api.spec"))));
        String specVersion = String.valueOf(((Map<String, Object>) spec.get("info")).get("version"));

        assertEquals(specVersion, built.getProperty("version"),
            "the probe's dependency on " + sdk + " must be the spec's info.version: set it to " + specVersion);
    }

    /** Runs the shrunk probe with nothing else on its class path, as the app would run on a device. */
    private static Run probe(Path out, String baseUrl, String token) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("probe.jar"));
        assertTrue(Files.isRegularFile(jar), "R8's output " + jar + " is missing: build the module with Maven");
        Path stdout = out.resolve("stdout");
        Path stderr = out.resolve("stderr");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", jar.toString(), System.getProperty("probe.main"), baseUrl, token)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        int exitCode = process.waitFor();
        return new Run(exitCode, Files.readAllLines(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** What the probe's JVM did. */
    private record Run(int exitCode, List<String> stdout, String stderr) {

        String describe() {
            return "the shrunk probe exited " + exitCode + "; its output:\n" + String.join("\n", stdout)
                + "\nits errors:\n" + stderr;
        }
    }
}
