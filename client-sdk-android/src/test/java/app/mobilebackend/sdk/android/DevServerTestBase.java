package app.mobilebackend.sdk.android;

import app.mobilebackend.devserver.DevServer;
import app.mobilebackend.sdk.android.model.Problem;
import app.mobilebackend.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole API, running in this JVM on a free port, and Android SDK clients that talk to it. */
abstract class DevServerTestBase {

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

    /** A user nobody else uses, so tests sharing the database do not see each other's data. */
    static String newSub() {
        return "sdk-android-" + UUID.randomUUID();
    }

    /** An SDK client of its own (one "device") for {@code sub}: bearer auth {@code cognito} with its token. */
    static ApiClient clientFor(String sub) {
        ApiClient client = anonymousClient();
        client.setBearerToken(dev.token(sub));
        return client;
    }

    /** An SDK client that sends no token. */
    static ApiClient anonymousClient() {
        return new ApiClient().setBasePath(dev.url());
    }

    /** The RFC 9457 document of a failed call, after checking that it came as application/problem+json. */
    static Problem problemOf(ApiException failure) throws IOException {
        assertEquals(List.of("application/problem+json"), failure.getResponseHeaders().get("Content-Type"),
            failure.getMessage());
        return Problem.fromJson(failure.getResponseBody());
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
