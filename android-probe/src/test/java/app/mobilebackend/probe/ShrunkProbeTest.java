package app.mobilebackend.probe;

import app.mobilebackend.devserver.DevServer;
import app.mobilebackend.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            "ok invalid create: 400 problem+json, title must be at least 1 character long",
            "ok list: the one to-do",
            "ok get If-None-Match \"1\": 304",
            "ok update If-Match \"1\": version 2",
            "ok stale update If-Match \"1\": 412 problem+json \"The to-do has changed since version 1; the current version is 2.\"",
            "ok delete: 204, then 404",
            "ok preferences: saved and read back at version 1",
            "ok device: registered as FCM, listed, deleted",
            "ok order: PLACED, 2150 EUR",
            "probe passed"), run.stdout, run.describe());
    }

    @Test
    void shrunkProbeFailsWhenTheApiRefusesIt(@TempDir Path out) throws Exception {
        Run run = probe(out, dev.url(), "not-a-token");

        assertEquals(2, run.exitCode, run.describe());
        assertEquals("ok health: UP, database UP", run.stdout.get(0), run.describe());
        assertTrue(run.stdout.get(1).startsWith("ERROR "), run.describe());
        assertTrue(run.stdout.contains("HTTP response code: 401"), run.describe());
        assertFalse(run.stdout.contains("probe passed"), run.describe());
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
