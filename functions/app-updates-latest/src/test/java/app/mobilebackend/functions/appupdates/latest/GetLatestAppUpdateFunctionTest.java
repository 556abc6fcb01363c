package app.mobilebackend.functions.appupdates.latest;

import app.mobilebackend.api.model.AppPlatform;
import app.mobilebackend.api.model.AppUpdate;
import app.mobilebackend.core.lambda.ApiGatewayHandler;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getLatestAppUpdate through the deployed handler, reading the manifests from an S3 stand-in of its own. */
class GetLatestAppUpdateFunctionTest {

    static final String ANDROID_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String IOS_SHA = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    static final String ANDROID = """
        {"platform":"android","latestVersion":"2.4.0","minimumVersion":"2.0.0","releaseNotes":"Offline sync; faster start.",
         "releasedAt":"2026-12-01T09:00:00Z","key":"updates/android/2.4.0/app-release.apk","sha256":"%s","size":48213504}
        """.formatted(ANDROID_SHA);
    static final String IOS = """
        {"platform":"ios","latestVersion":"1.10.0","minimumVersion":"1.9.2","releaseNotes":"Widgets.",
         "releasedAt":"2026-11-28T12:30:00Z","key":"updates/ios/1.10.0/App.ipa","sha256":"%s","size":61440000}
        """.formatted(IOS_SHA);

    private static S3StandIn s3;
    private static S3Client client;
    private static LocalFunction function;

    @BeforeAll
    static void start() {
        s3 = S3StandIn.inMemory();
        client = S3Client.builder()
            .endpointOverride(URI.create(s3.endpoint()))
            .region(Region.of(S3StandIn.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3StandIn.ACCESS_KEY_ID, S3StandIn.SECRET_ACCESS_KEY)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            // checksums only where S3 requires them: s3proxy does not know the newer trailing ones
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
        put("updates/manifests/android.json", ANDROID);
        put("updates/manifests/ios.json", IOS);
        function = LocalFunction.start(s3.properties());
    }

    @AfterAll
    static void stop() {
        function.close();
        client.close();
        s3.close();
    }

    static void put(String key, String body) {
        client.putObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(key).contentType("application/json"), RequestBody.fromString(body));
    }

    static APIGatewayProxyResponseEvent get(String platform, String currentVersion) {
        var request = ApiGatewayEvents.request("GET", "/app-updates/" + platform + "/latest")
            .resource("/app-updates/{platform}/latest")
            .pathParameter("platform", platform);
        if (currentVersion != null) {
            request.query("currentVersion", currentVersion);
        }
        return function.handle(request.build());
    }

    @Test
    void answersEachPlatformsManifestWithItsCdnUrlAndChecksumWithoutToken() {
        var android = get("android", null);
        assertEquals(200, android.getStatusCode(), android.getBody());
        assertEquals("public, max-age=60", header(android, "Cache-Control"));
        AppUpdate a = function.read(android.getBody(), AppUpdate.class);
        assertEquals(AppPlatform.ANDROID, a.getPlatform());
        assertEquals("2.4.0", a.getLatestVersion());
        assertEquals("2.0.0", a.getMinimumVersion());
        assertEquals("Offline sync; faster start.", a.getReleaseNotes());
        assertEquals(OffsetDateTime.parse("2026-12-01T09:00:00Z").toInstant(), a.getReleasedAt().toInstant());
        assertEquals("https://" + S3StandIn.UPDATES_CDN_DOMAIN + "/updates/android/2.4.0/app-release.apk", a.getUrl());
        assertEquals(ANDROID_SHA, a.getSha256());
        assertEquals(48213504L, a.getSize());
        assertNull(a.getUpdateRequired(), "no currentVersion, no verdict");
        assertNull(a.getUpdateAvailable());
        assertFalse(android.getBody().contains("\"key\""), "the object key is not part of the answer");

        var ios = get("ios", null);
        assertEquals(200, ios.getStatusCode(), ios.getBody());
        AppUpdate i = function.read(ios.getBody(), AppUpdate.class);
        assertEquals(AppPlatform.IOS, i.getPlatform());
        assertEquals("1.10.0", i.getLatestVersion());
        assertEquals("1.9.2", i.getMinimumVersion());
        assertEquals("https://" + S3StandIn.UPDATES_CDN_DOMAIN + "/updates/ios/1.10.0/App.ipa", i.getUrl());
        assertEquals(IOS_SHA, i.getSha256());
    }

    @Test
    void aTokenChangesNothing() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/app-updates/android/latest")
            .resource("/app-updates/{platform}/latest").pathParameter("platform", "android")
            .bearer(TestUser.fresh().token()).build());
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("2.4.0", function.read(response.getBody(), AppUpdate.class).getLatestVersion());
    }

    @ParameterizedTest(name = "{0} {1}: available {2}, required {3}")
    @CsvSource({
        "android, 1.9.3, true, true",
        "android, 1.99.99, true, true",
        "android, 2.0.0, true, false",
        "android, 2.3.9, true, false",
        "android, 2.4.0, false, false",
        "android, 3.0.0, false, false",
        // numbers, not text: 1.10.0 is above 1.9.x
        "ios, 1.9.1, true, true",
        "ios, 1.9.2, true, false",
        "ios, 1.9.10, true, false",
        "ios, 1.10.0, false, false",
        "ios, 0.0.0, true, true",
    })
    void saysWhetherTheCallingAppMustUpdate(String platform, String current, boolean available, boolean required) {
        var response = get(platform, current);
        assertEquals(200, response.getStatusCode(), response.getBody());
        AppUpdate update = function.read(response.getBody(), AppUpdate.class);
        assertEquals(current, update.getCurrentVersion());
        assertEquals(available, update.getUpdateAvailable());
        assertEquals(required, update.getUpdateRequired());
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows", "ANDROID", "Android", "ios ", "x"})
    void anUnknownPlatformIsABadRequestNamingIt(String platform) {
        var response = get(platform, null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(List.of("platform"), fields(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1", "2", "02.1.0", "2.1.0-beta.1", "2.1.0+7", "v2.1.0", "2.1.0.0", "abc", "", "1234567890.0.0"})
    void aMalformedCurrentVersionIsABadRequestNamingIt(String current) {
        var response = get("android", current);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(List.of("currentVersion"), fields(response));
    }

    @Test
    void aPlatformWithNothingPublishedIsNotFound() {
        client.deleteObject(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key("updates/manifests/ios.json"));
        try {
            var response = get("ios", "1.0.0");
            assertEquals(404, response.getStatusCode(), response.getBody());
            assertEquals("application/problem+json", header(response, "Content-Type"));
        } finally {
            put("updates/manifests/ios.json", IOS);
        }
    }

    @Test
    void anUnreachableBucketIsUnavailableNotAnError() {
        Map<String, Object> properties = new HashMap<>(s3.properties());
        properties.put("aws.s3.endpoint", "http://127.0.0.1:1");
        try (LocalFunction unreachable = LocalFunction.start(properties)) {
            var response = unreachable.handle(ApiGatewayEvents.request("GET", "/app-updates/android/latest")
                .resource("/app-updates/{platform}/latest").pathParameter("platform", "android").build());
            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("application/problem+json", header(response, "Content-Type"));
            assertTrue(header(response, "Retry-After") != null);
        }
    }

    /**
     * As deployed (templates/stacks/functions.yaml): outside the VPC, where no database is reachable, with
     * DATASOURCES_DEFAULT_ENABLED false: no pool is built, no connection tried (the platform's configuration, read at
     * start, still wants a DB_URL: here one of a port nothing listens on), and the manifest is answered.
     */
    @Test
    void needsNoDatabase() {
        Map<String, Object> properties = new HashMap<>(LocalIdentityProvider.shared().properties());
        properties.putAll(s3.properties());
        properties.put("db.url", "jdbc:mysql://127.0.0.1:1/unreachable");
        properties.put("datasources.default.enabled", false);
        try (var handler = new ApiGatewayHandler(ApiGatewayHandler.contextBuilder().properties(properties).build())) {
            assertFalse(handler.getApplicationContext().containsBean(javax.sql.DataSource.class), "no connection pool");
            var response = handler.handleRequest(ApiGatewayEvents.request("GET", "/app-updates/ios/latest")
                .resource("/app-updates/{platform}/latest").pathParameter("platform", "ios").query("currentVersion", "1.9.1").build(),
                new MockLambdaContext());
            assertEquals(200, response.getStatusCode(), response.getBody());
            AppUpdate update = function.read(response.getBody(), AppUpdate.class);
            assertEquals("1.10.0", update.getLatestVersion());
            assertTrue(update.getUpdateRequired());
        }
    }

    @Test
    void anotherFunctionsPathIsNotServedHere() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/content").bearer(TestUser.fresh().token()).build());
        assertEquals(404, response.getStatusCode());
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(APIGatewayProxyResponseEvent response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) function.readMap(response.getBody()).get("errors");
        return errors.stream().map(e -> String.valueOf(e.get("field"))).toList();
    }
}
