package app.mobilebackend.devserver;

import app.mobilebackend.localstack.aws.S3StandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What app-updates-latest serves locally: a published 1.0.0 of each platform in the S3 stand-in's updates bucket (a
 * small placeholder build and its manifest, as infra-cloudformation/publish-update writes them), unless a manifest is
 * there already (the bucket lives in the data folder: a manifest written since survives a restart). The answers' URLs
 * name {@link S3StandIn#UPDATES_CDN_DOMAIN}, which nothing serves: the build is in the stand-in, under the same key.
 */
final class DevUpdates {

    static final String VERSION = "1.0.0";
    static final Map<String, String> BUILDS = Map.of("android", "app-release.apk", "ios", "App.ipa");
    private static final Logger LOG = LoggerFactory.getLogger(DevUpdates.class);

    private DevUpdates() {
    }

    static void seed(S3StandIn s3) {
        try (S3Client client = client(s3)) {
            BUILDS.forEach((platform, file) -> seed(client, platform, file));
        }
    }

    private static void seed(S3Client client, String platform, String file) {
        String manifestKey = "updates/manifests/" + platform + ".json";
        try {
            client.headObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(manifestKey));
            return;
        } catch (NoSuchKeyException e) {
            // none yet: publish the placeholder
        }
        byte[] build = ("placeholder " + platform + " build " + VERSION + " of the dev server\n").getBytes(StandardCharsets.UTF_8);
        String key = "updates/" + platform + "/" + VERSION + "/" + file;
        client.putObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(key).cacheControl("public, max-age=31536000, immutable"),
            RequestBody.fromBytes(build));
        String manifest = """
            {"platform":"%s","latestVersion":"%s","minimumVersion":"%s","releaseNotes":"The dev server's placeholder build.",\
            "releasedAt":"2026-12-01T09:00:00Z","key":"%s","sha256":"%s","size":%d}""".formatted(
            platform, VERSION, VERSION, key, sha256(build), build.length);
        client.putObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(manifestKey).contentType("application/json")
            .cacheControl("public, max-age=60"), RequestBody.fromString(manifest, StandardCharsets.UTF_8));
        LOG.info("Published the placeholder {} {} to s3://{}/{}", platform, VERSION, S3StandIn.UPDATES_BUCKET, key);
    }

    static S3Client client(S3StandIn s3) {
        return S3Client.builder()
            .endpointOverride(URI.create(s3.endpoint()))
            .forcePathStyle(true)
            .region(Region.of(S3StandIn.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3StandIn.ACCESS_KEY_ID, S3StandIn.SECRET_ACCESS_KEY)))
            // checksums only where S3 requires them: s3proxy does not know the newer trailing ones
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
