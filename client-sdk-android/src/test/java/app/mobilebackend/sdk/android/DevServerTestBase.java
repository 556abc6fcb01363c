package app.mobilebackend.sdk.android;

import app.mobilebackend.devserver.DevServer;
import app.mobilebackend.sdk.android.model.Problem;
import app.mobilebackend.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

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

    /** An SDK client of its own (one "device") for {@code sub}, sending a bearer token on every call. */
    static ApiClient clientFor(String sub) {
        String token = dev.token(sub);
        return new MobileBackendClient(dev.url(), () -> token);
    }

    /** An SDK client that sends no token. */
    static ApiClient anonymousClient() {
        return MobileBackendClient.anonymous(dev.url());
    }

    /** The RFC 9457 document of a failed call, read by the SDK ({@link Problems}); fails when there is none. */
    static Problem problemOf(ApiException failure) {
        return Problems.of(failure).orElseThrow(() -> new AssertionError(
            "no application/problem+json in " + failure.getResponseHeaders() + ": " + failure.getMessage()));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
