package app.mobilebackend.benchmarks;

import app.mobilebackend.localstack.LegacyAuthStandIn;
import app.mobilebackend.localstack.aws.CloudFrontTestKeys;
import app.mobilebackend.localstack.aws.EventBridgeStandIn;
import app.mobilebackend.localstack.aws.KinesisStandIn;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.localstack.aws.SnsStandIn;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS services (and the legacy login API) the functions talk to, on loopback, started once per benchmark run when
 * a target first needs one: the testkit's stand-ins, the ones the function tests use. Each function gets the
 * configuration its deployed environment has (infra-cloudformation's functions.yaml and triggers.yaml: FILES_BUCKET,
 * PUSH_*_APPLICATION_ARN, CONTENT_*, EVENTS_BUS_NAME, LEGACY_AUTH_URL, ANALYTICS_*), pointed at these, under the property
 * names the tests use, and nothing more: a function given another's settings would build beans it never builds in AWS.
 * Synchronized: with {@code --jobs} several targets are prepared at once.
 */
final class StandIns {

    static final String BUS = "mobile-backend-benchmark";
    static final String STREAM = "mobile-backend-benchmark-events";
    static final String PSEUDONYM_KEY = "benchmark-pseudonym-key";
    /** The user the legacy login API knows (user-migration's event signs in as them). */
    static final String LEGACY_USER = "legacy-alice";
    static final String LEGACY_PASSWORD = "correct horse battery staple";
    static final String LEGACY_EMAIL = "alice@example.com";

    private S3StandIn s3;
    private S3Client s3Client;
    private SnsStandIn sns;
    private SnsClient snsClient;
    private EventBridgeStandIn eventBridge;
    private KinesisStandIn kinesis;
    private LegacyAuthStandIn legacyAuth;

    /** What the function {@code operation} needs besides the database and the identity provider. */
    synchronized Map<String, Object> properties(String operation) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (operation.startsWith("files-") || operation.startsWith("me-") || operation.equals("thumbnails")) { // FILES_BUCKET
            props.putAll(s3().properties());
        }
        if (operation.equals("app-updates-latest")) { // UPDATES_BUCKET, UPDATES_CDN_DOMAIN
            props.putAll(s3().properties());
        }
        if (operation.startsWith("devices-") || operation.equals("me-delete") || operation.equals("outbox-relay")) { // PUSH_*
            props.putAll(sns().properties());
        }
        if (operation.equals("content-access")) { // CONTENT_*: a key pair made for this run
            props.putAll(CloudFrontTestKeys.contentProperties());
        }
        if (operation.equals("outbox-relay")) { // EVENTS_BUS_NAME
            props.put("events.bus-name", BUS);
            props.put("aws.eventbridge.endpoint", eventBridge().endpoint());
        }
        if (operation.equals("user-migration")) { // LEGACY_AUTH_URL
            props.put("legacy-auth.url", legacyAuthUrl());
        }
        if (operation.equals("events-create")) { // ANALYTICS_STREAM_NAME, ANALYTICS_PSEUDONYM_KEY_SECRET_ARN
            props.put("aws.kinesis.endpoint", kinesis().endpoint());
            props.put("analytics.stream-name", STREAM);
            props.put("analytics.pseudonym-key", PSEUDONYM_KEY); // the secret's value, without Secrets Manager
            // the target's Kinesis client must speak JSON to the stand-in (KinesisStandIn sets it in its own JVM only)
            props.put(KinesisStandIn.CBOR_ENABLED, "false");
        }
        return props;
    }

    synchronized S3StandIn s3() {
        if (s3 == null) {
            s3 = S3StandIn.inMemory();
            s3Client = S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true)
                // checksums only where S3 requires them, as the functions' client: s3proxy does not know the trailing ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .region(Region.of(S3StandIn.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3StandIn.ACCESS_KEY_ID, S3StandIn.SECRET_ACCESS_KEY)))
                .build();
        }
        return s3;
    }

    /** Stores {@code bytes} under {@code key} in the files bucket, as a client's upload to a presigned URL does. */
    synchronized void putObject(String key, String contentType, byte[] bytes) {
        s3();
        s3Client.putObject(b -> b.bucket(S3StandIn.BUCKET).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /** Writes {@code manifest} as the platform's manifest in the updates bucket, as publish-update does. */
    void putUpdateManifest(String platform, String manifest) {
        s3();
        s3Client.putObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key("updates/manifests/" + platform + ".json")
            .contentType("application/json").cacheControl("public, max-age=60"), RequestBody.fromString(manifest));
    }

    /** How many objects the files bucket holds under {@code prefix}. */
    synchronized int objectsUnder(String prefix) {
        s3();
        return s3Client.listObjectsV2(b -> b.bucket(S3StandIn.BUCKET).prefix(prefix)).keyCount();
    }

    synchronized SnsStandIn sns() {
        if (sns == null) {
            sns = SnsStandIn.start();
            snsClient = SnsClient.builder()
                .endpointOverride(URI.create(sns.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        }
        return sns;
    }

    /** An FCM platform endpoint for {@code token}, as devices-register creates one: its ARN. */
    synchronized String createFcmEndpoint(String token) {
        sns();
        return snsClient.createPlatformEndpoint(b -> b.platformApplicationArn(SnsStandIn.FCM_APPLICATION_ARN).token(token)).endpointArn();
    }

    synchronized EventBridgeStandIn eventBridge() {
        if (eventBridge == null) {
            eventBridge = EventBridgeStandIn.start();
        }
        return eventBridge;
    }

    synchronized KinesisStandIn kinesis() {
        if (kinesis == null) {
            kinesis = KinesisStandIn.start();
        }
        return kinesis;
    }


    /**
     * The legacy system's login API (testkit's, as user-migration's tests use it), knowing the one user
     * user-migration's event signs in as.
     */
    synchronized String legacyAuthUrl() {
        if (legacyAuth == null) {
            try {
                legacyAuth = new LegacyAuthStandIn();
            } catch (IOException e) {
                throw new IllegalStateException("Could not serve the legacy login API on loopback", e);
            }
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", LEGACY_USER);
            user.put("email", LEGACY_EMAIL);
            user.put("name", "Alice Liddell");
            user.put("givenName", "Alice");
            user.put("familyName", "Liddell");
            user.put("locale", "en-GB");
            user.put("phoneNumber", "+447700900123");
            legacyAuth.addUser(LEGACY_USER, LEGACY_PASSWORD, user);
        }
        return legacyAuth.url();
    }

    /** The object key of a user's file, as FileObjects builds it. */
    static String fileKey(String sub, String fileId) {
        return "users/" + URLEncoder.encode(sub, StandardCharsets.UTF_8) + "/" + fileId;
    }
}
