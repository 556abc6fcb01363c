package app.mobilebackend.devserver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /events through the dev server's port reaches its Kinesis stand-in (without it: 503 or 500, never 202). */
class DevAnalyticsTest {

    private static DevServer dev;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        dev = SharedDevServer.get();
    }


    @Test
    void acceptsABatchOfEventsOntoTheLocalStream() throws IOException, InterruptedException {
        HttpResponse<String> response = post("""
            {"events":[{"name":"screen.view","timestamp":"2026-11-25T09:30:00Z","properties":{"screen":"todo-list"}},
                       {"name":"todo.completed","timestamp":"2026-11-25T09:31:12Z"}]}""");

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("{\"accepted\":2}", response.body());
    }

    @Test
    void refusesABadEventNamingIt() throws IOException, InterruptedException {
        HttpResponse<String> response = post("""
            {"events":[{"name":"app.open","timestamp":"2026-11-25T09:30:00Z"},{"name":"Bad Name!","timestamp":"2026-11-25T09:30:00Z"}]}""");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"field\":\"events[1].name\""), response.body());
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(dev.url() + "/events"))
            .header("Authorization", "Bearer " + dev.token("analytics-" + UUID.randomUUID()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
