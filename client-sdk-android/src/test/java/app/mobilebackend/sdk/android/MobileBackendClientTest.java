package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.api.HealthApi;
import app.mobilebackend.sdk.android.api.TodosApi;
import app.mobilebackend.sdk.android.model.Problem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What MobileBackendClient adds to the generated client, against a stub server on loopback. */
class MobileBackendClientTest {

    private static final String HEALTH = "{\"status\":\"UP\",\"checks\":{}}";

    /** The Authorization header of each request the stub got; it accepts only "Bearer fresh". */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> refreshed = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            sent.add(String.valueOf(authorization));
            if ("Bearer fresh".equals(authorization)) {
                answer(exchange, 200, "application/json", HEALTH);
            } else {
                answer(exchange, 401, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
            }
        });
        server.createContext("/todos/stale", exchange -> answer(exchange, 412, "application/problem+json",
            "{\"type\":\"about:blank\",\"title\":\"Precondition Failed\",\"status\":412,"
                + "\"detail\":\"The to-do has changed.\",\"currentVersion\":3}"));
        server.createContext("/todos/gateway", exchange -> answer(exchange, 502, "text/html",
            "<html><body>502 Bad Gateway</body></html>"));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void aRefusedTokenIsRefreshedOnceAndTheCallRetried() throws Exception {
        HealthApi health = new HealthApi(new MobileBackendClient(url, tokens("expired", "fresh")));

        assertEquals("UP", health.getHealth().getStatus().getValue());

        assertEquals(List.of("Bearer expired", "Bearer fresh"), sent);
        assertEquals(List.of("expired"), refreshed);
    }

    @Test
    void aProviderThatCannotRefreshLetsThe401ReachTheApp() {
        HealthApi health = new HealthApi(new MobileBackendClient(url, () -> "expired"));

        ApiException unauthorized = assertThrows(ApiException.class, health::getHealth);

        assertEquals(401, unauthorized.getCode());
        assertEquals(List.of("Bearer expired"), sent);
    }

    @Test
    void aRefreshedTokenThatIsRefusedTooIsNotRetriedAgain() {
        HealthApi health = new HealthApi(new MobileBackendClient(url, tokens("expired", "revoked")));

        ApiException unauthorized = assertThrows(ApiException.class, health::getHealth);

        assertEquals(401, unauthorized.getCode());
        assertEquals(List.of("Bearer expired", "Bearer revoked"), sent);
    }

    @Test
    void debugLoggingNeverWritesTheToken() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger okhttp = Logger.getLogger(OkHttpClient.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        okhttp.addHandler(capture);
        try {
            ApiClient client = new MobileBackendClient(url, () -> "fresh").setDebugging(true);
            new HealthApi(client).getHealth();
        } finally {
            okhttp.removeHandler(capture);
        }

        assertTrue(logged.stream().anyMatch(line -> line.startsWith("Authorization:")), String.join("\n", logged));
        assertTrue(logged.stream().anyMatch(line -> line.contains("\"status\":\"UP\"")), String.join("\n", logged));
        assertFalse(logged.stream().anyMatch(line -> line.contains("fresh")), String.join("\n", logged));
    }

    @Test
    void readsAProblemWithTheMembersItKnowsAndIgnoresTheRest() {
        TodosApi todos = new TodosApi(new MobileBackendClient(url, () -> "t"));

        ApiException stale = assertThrows(ApiException.class, () -> todos.getTodo("stale", null));

        assertEquals(Optional.of(new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The to-do has changed.")), Problems.of(stale).map(MobileBackendClientTest::withoutExtensions));
    }

    @Test
    void aGatewaysHtmlErrorIsNotAProblem() {
        TodosApi todos = new TodosApi(new MobileBackendClient(url, () -> "t"));

        ApiException badGateway = assertThrows(ApiException.class, () -> todos.getTodo("gateway", null));

        assertEquals(502, badGateway.getCode());
        assertEquals(Optional.empty(), Problems.of(badGateway));
    }

    /** A provider whose token starts as {@code current} and becomes {@code afterRefresh} once refreshed. */
    private AccessTokenProvider tokens(String current, String afterRefresh) {
        return new AccessTokenProvider() {
            private volatile String token = current;

            @Override
            public String accessToken() {
                return token;
            }

            @Override
            public String refreshAccessToken(String refused) {
                refreshed.add(refused);
                token = afterRefresh;
                return token;
            }
        };
    }

    /** The problem's standard members only (the Gson models keep unknown members as additional properties). */
    private static Problem withoutExtensions(Problem problem) {
        return new Problem().type(problem.getType()).title(problem.getTitle()).status(problem.getStatus())
            .detail(problem.getDetail());
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
