package app.mobilebackend.infra.updates;

import app.mobilebackend.localstack.aws.CloudFrontStandIn;
import app.mobilebackend.localstack.aws.S3StandIn;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code infra-cloudformation/publish-update} for real, its AWS SDK v2 S3 and CloudFront clients pointed at the
 * loopback stand-ins (s3proxy; {@link CloudFrontStandIn}, CloudFront's REST-XML CreateInvalidation): the build and
 * the manifest land with their Cache-Control, the build with its SHA-256, and the one invalidation names the manifest's
 * path; publishing the same build again uploads nothing new, another build under a published version is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishUpdateTest {

    private static final Path MODULE = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
        .resolve("infra-cloudformation");
    private static final String BUILD_KEY = "updates/android/2.4.0/app-release.apk";
    private static final String MANIFEST_KEY = "updates/manifests/android.json";

    @TempDir
    static Path dir;
    private static S3StandIn s3;
    private static CloudFrontStandIn cloudFront;
    private static S3Client client;
    private static Path build;
    private static byte[] bytes;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3StandIn.inMemory();
        cloudFront = CloudFrontStandIn.start();
        client = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).forcePathStyle(true)
            .region(Region.of(S3StandIn.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3StandIn.ACCESS_KEY_ID, S3StandIn.SECRET_ACCESS_KEY)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
        bytes = new byte[200_000];
        new java.util.Random(18).nextBytes(bytes);
        build = dir.resolve("app-release.apk");
        Files.write(build, bytes);
    }

    @AfterAll
    static void stop() {
        client.close();
        cloudFront.close();
        s3.close();
    }

    @Test
    @Order(1)
    void uploadsTheBuildWritesTheManifestAndInvalidatesOnlyIt() throws Exception {
        Result result = publish(build);
        assertEquals(0, result.exit(), result.output());

        var stored = client.getObjectAsBytes(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(BUILD_KEY));
        assertArrayEquals(bytes, stored.asByteArray());
        assertEquals("public, max-age=31536000, immutable", stored.response().cacheControl());
        assertEquals("application/vnd.android.package-archive", stored.response().contentType());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha256, stored.response().metadata().get("sha256"));

        var manifest = client.getObjectAsBytes(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(MANIFEST_KEY));
        assertEquals("public, max-age=60", manifest.response().cacheControl());
        assertEquals("application/json", manifest.response().contentType());
        Map<?, ?> fields = new ObjectMapper().readValue(manifest.asUtf8String(), Map.class);
        assertEquals(Map.of("platform", "android", "latestVersion", "2.4.0", "minimumVersion", "2.0.0",
            "releaseNotes", "Offline sync; faster start.", "releasedAt", "2026-12-01T09:00:00Z", "key", BUILD_KEY,
            "sha256", sha256, "size", bytes.length), fields);

        assertEquals(1, cloudFront.invalidations().size());
        assertEquals("E2QWRUHAPOMQZL", cloudFront.invalidations().get(0).distributionId());
        assertEquals(List.of("/" + MANIFEST_KEY), cloudFront.invalidations().get(0).paths());
        assertTrue(result.output().contains("(invalidation " + cloudFront.invalidations().get(0).id() + ")"), result.output());
    }

    @Test
    @Order(2)
    void theSameBuildAgainIsNotUploadedAgain() throws Exception {
        var before = client.headObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(BUILD_KEY)).lastModified();
        Result result = publish(build);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("holds this build already: not uploaded again"), result.output());
        assertEquals(before, client.headObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(BUILD_KEY)).lastModified());
        assertEquals(2, cloudFront.invalidations().size(), "the manifest is written and invalidated again");
    }

    @Test
    @Order(3)
    void anotherBuildUnderAPublishedVersionIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other")).resolve("app-release.apk");
        Files.writeString(other, "another build", StandardCharsets.UTF_8);
        String manifestBefore = client.getObjectAsBytes(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(MANIFEST_KEY)).asUtf8String();
        int invalidationsBefore = cloudFront.invalidations().size();

        Result result = publish(other);

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("is another build"), result.output());
        assertArrayEquals(bytes, client.getObjectAsBytes(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(BUILD_KEY)).asByteArray());
        assertEquals(manifestBefore, client.getObjectAsBytes(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(MANIFEST_KEY)).asUtf8String());
        assertEquals(invalidationsBefore, cloudFront.invalidations().size());
    }

    record Result(int exit, String output) {
    }

    private static Result publish(Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", MODULE.resolve("publish-update").toString(),
            "--platform", "android", "--version", "2.4.0", "--minimum-version", "2.0.0", "--file", file.toString(),
            "--release-notes", "Offline sync; faster start.", "--released-at", "2026-12-01T09:00:00Z",
            "--bucket", S3StandIn.UPDATES_BUCKET, "--distribution-id", "E2QWRUHAPOMQZL", "--region", S3StandIn.REGION,
            "--s3-endpoint", s3.endpoint(), "--cloudfront-endpoint", cloudFront.url()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("AWS_ACCESS_KEY_ID", S3StandIn.ACCESS_KEY_ID);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3StandIn.SECRET_ACCESS_KEY);
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "publish-update did not end");
        return new Result(process.exitValue(), output);
    }
}
