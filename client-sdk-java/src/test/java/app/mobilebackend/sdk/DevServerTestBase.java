package app.mobilebackend.sdk;

import app.mobilebackend.devserver.DevServer;
import app.mobilebackend.sdk.model.Problem;
import app.mobilebackend.testkit.TestDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole API, running in this JVM on a free port, and Java SDK clients that talk to it. */
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
        return "sdk-java-" + UUID.randomUUID();
    }

    /** An SDK client of its own (one "device") for {@code sub}, sending a bearer token on every call. */
    static ApiClient clientFor(String sub) {
        String token = dev.token(sub);
        ApiClient client = anonymousClient();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** An SDK client that sends no token. */
    static ApiClient anonymousClient() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(dev.url());
        return client;
    }

    /** The RFC 9457 document of a failed call, after checking that it came as application/problem+json. */
    static Problem problemOf(ApiException failure) throws JsonProcessingException {
        assertEquals("application/problem+json",
            failure.getResponseHeaders().firstValue("Content-Type").orElse(null), failure.getMessage());
        return ApiClient.createDefaultObjectMapper().readValue(failure.getResponseBody(), Problem.class);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
