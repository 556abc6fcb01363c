package app.mobilebackend.devserver;

import app.mobilebackend.localstack.aws.S3StandIn;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev server serves the updates manifest (issue 18): without a token, each platform's placeholder 1.0.0 as
 * {@link DevUpdates} published it to the S3 stand-in, whose build is really there with the SHA-256 the answer names.
 */
class DevUpdatesTest {

    private static DevServer dev;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dev = SharedDevServer.get();
    }


    @Test
    void servesEachPlatformsManifestWithoutToken() throws Exception {
        for (String platform : DevUpdates.BUILDS.keySet()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(dev.url() + "/app-updates/" + platform + "/latest?currentVersion=0.9.0")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("public, max-age=60", response.headers().firstValue("Cache-Control").orElse(null));
            Map<String, Object> update = JSONObjectUtils.parse(response.body());
            assertEquals(platform, update.get("platform"));
            assertEquals("1.0.0", update.get("latestVersion"));
            assertEquals(true, update.get("updateRequired"));
            String key = "updates/" + platform + "/1.0.0/" + DevUpdates.BUILDS.get(platform);
            assertEquals("https://" + S3StandIn.UPDATES_CDN_DOMAIN + "/" + key, update.get("url"));
            byte[] build = dev.updatesObject(key);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(build)), update.get("sha256"));
            assertEquals((long) build.length, ((Number) update.get("size")).longValue());
        }
    }

    @Test
    void anUnknownPlatformIsABadRequest() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(dev.url() + "/app-updates/windows/latest")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"platform\""), response.body());
    }
}
