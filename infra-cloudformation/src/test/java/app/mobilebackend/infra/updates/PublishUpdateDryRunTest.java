package app.mobilebackend.infra.updates;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code infra-cloudformation/publish-update --dry-run}, the documented command itself (the class path the build wrote):
 * it plans exactly two uploads (the versioned build with a year's Cache-Control, the manifest with a minute's) and one
 * invalidation (the manifest's path only), with the build's real SHA-256 and size; and it sends nothing: its S3 and
 * CloudFront endpoints point at a closed port, which any request would fail on.
 */
class PublishUpdateDryRunTest {

    private static final Path MODULE = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
        .resolve("infra-cloudformation");

    @TempDir
    static Path dir;
    private static Path build;
    private static String sha256;

    @BeforeAll
    static void aBuild() throws Exception {
        build = dir.resolve("app-release.apk");
        byte[] bytes = "not really an APK, but bytes with a checksum".getBytes(StandardCharsets.UTF_8);
        Files.write(build, bytes);
        sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void plansExactlyTheTwoUploadsAndOneInvalidation() throws Exception {
        Result result = publish("--dry-run", "--platform", "android", "--version", "2.4.0", "--minimum-version", "2.0.0",
            "--file", build.toString(), "--release-notes", "Offline sync; faster start.", "--released-at", "2026-12-01T09:00:00Z",
            "--bucket", "mobile-backend-updates-prod-123456789012-eu-west-1", "--distribution-id", "E2QWRUHAPOMQZL",
            "--region", "eu-west-1", "--s3-endpoint", "http://127.0.0.1:1", "--cloudfront-endpoint", "http://127.0.0.1:1");

        assertEquals(0, result.exit(), result.output());
        List<String> requests = result.output().lines().filter(l -> l.startsWith("+ ")).toList();
        String manifest = "{\"platform\":\"android\",\"latestVersion\":\"2.4.0\",\"minimumVersion\":\"2.0.0\","
            + "\"releaseNotes\":\"Offline sync; faster start.\",\"releasedAt\":\"2026-12-01T09:00:00Z\","
            + "\"key\":\"updates/android/2.4.0/app-release.apk\",\"sha256\":\"" + sha256 + "\",\"size\":" + Files.size(build) + "}";
        assertEquals(List.of(
            "+ s3 PutObject s3://mobile-backend-updates-prod-123456789012-eu-west-1/updates/android/2.4.0/app-release.apk from "
                + build + " (" + Files.size(build) + " bytes, SHA-256 " + sha256 + ", Cache-Control: public, max-age=31536000, immutable)",
            "+ s3 PutObject s3://mobile-backend-updates-prod-123456789012-eu-west-1/updates/manifests/android.json"
                + " (Cache-Control: public, max-age=60) " + manifest,
            "+ cloudfront CreateInvalidation E2QWRUHAPOMQZL /updates/manifests/android.json"), requests, result.output());
        assertTrue(result.output().contains("Dry run done: nothing was uploaded or invalidated."), result.output());
    }

    @Test
    void refusesAMinimumAboveTheVersionAndAnUnknownPlatform() throws Exception {
        Result above = publish("--dry-run", "--platform", "ios", "--version", "1.9.0", "--minimum-version", "1.10.0",
            "--file", build.toString(), "--release-notes", "x", "--bucket", "b-updates", "--distribution-id", "E1");
        assertEquals(2, above.exit(), above.output());
        assertTrue(above.output().contains("--minimum-version 1.10.0 is above --version 1.9.0"), above.output());

        Result platform = publish("--dry-run", "--platform", "windows", "--version", "1.9.0", "--minimum-version", "1.0.0",
            "--file", build.toString(), "--release-notes", "x", "--bucket", "b-updates", "--distribution-id", "E1");
        assertEquals(2, platform.exit(), platform.output());
        assertTrue(platform.output().contains("--platform is android or ios"), platform.output());
        assertTrue(platform.output().lines().noneMatch(l -> l.startsWith("+ ")), "nothing planned: " + platform.output());
    }

    record Result(int exit, String output) {
    }

    private static Result publish(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", MODULE.resolve("publish-update").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "publish-update did not end");
        return new Result(process.exitValue(), output);
    }
}
