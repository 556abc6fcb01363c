package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.HealthApi;
import app.mobilebackend.sdk.api.TodosApi;
import app.mobilebackend.sdk.model.Problem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What MobileBackendClient adds to the generated client, against a stub server on loopback. */
class MobileBackendClientTest {

    private static final String HEALTH = "{\"status\":\"UP\",\"checks\":{}}";

    private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private String url;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/health", exchange -> {
            requests.add(exchange);
            answer(exchange, 200, "application/json", HEALTH);
        });
        server.createContext("/todos/stale", exchange -> answer(exchange, 412, "application/problem+json",
            "{\"type\":\"about:blank\",\"title\":\"Precondition Failed\",\"status\":412,"
                + "\"detail\":\"The to-do has changed.\",\"currentVersion\":3}"));
        server.createContext("/todos/gateway", exchange -> answer(exchange, 502, "text/html",
            "<html><body>502 Bad Gateway</body></html>"));
        server.createContext("/todos/slow", exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void sendsItsUserAgentAndTheTokenTheProviderGivesAtEachCall() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        HealthApi health = new HealthApi(new MobileBackendClient(url, () -> "token-" + refreshes.incrementAndGet()));

        health.getHealth();
        health.getHealth();

        assertEquals(List.of("Bearer token-1", "Bearer token-2"),
            requests.stream().map(r -> r.getRequestHeaders().getFirst("Authorization")).toList());
        assertEquals("mobile-backend-sdk-java/" + System.getProperty("sdk.version"),
            requests.get(0).getRequestHeaders().getFirst("User-Agent"));
    }

    @Test
    void anAppsInterceptorAddsToTheSdksHeadersInsteadOfReplacingThem() throws Exception {
        MobileBackendClient client = new MobileBackendClient(url, () -> "t");
        client.setRequestInterceptor(request -> request.header("X-Trace", "abc"));

        new HealthApi(client).getHealth();

        var headers = requests.get(0).getRequestHeaders();
        assertEquals(List.of("Bearer t", "abc"), List.of(headers.getFirst("Authorization"), headers.getFirst("X-Trace")));
    }

    @Test
    void anonymousSendsNoToken() throws Exception {
        new HealthApi(MobileBackendClient.anonymous(url)).getHealth();

        assertEquals(null, requests.get(0).getRequestHeaders().getFirst("Authorization"));
    }

    @Test
    void aServerThatNeverAnswersEndsTheCallAtTheReadTimeout() {
        MobileBackendClient client = new MobileBackendClient(url, () -> "t");
        assertEquals(MobileBackendClient.DEFAULT_READ_TIMEOUT, client.getReadTimeout());
        assertEquals(MobileBackendClient.DEFAULT_CONNECT_TIMEOUT, client.getConnectTimeout());
        client.setReadTimeout(Duration.ofMillis(300));

        ApiException failure = assertThrows(ApiException.class, () -> new TodosApi(client).getTodo("slow", null));

        assertInstanceOf(HttpTimeoutException.class, failure.getCause(), String.valueOf(failure.getCause()));
    }

    @Test
    void readsAProblemWithTheMembersItKnowsAndIgnoresTheRest() {
        TodosApi todos = new TodosApi(new MobileBackendClient(url, () -> "t"));

        ApiException stale = assertThrows(ApiException.class, () -> todos.getTodo("stale", null));

        assertEquals(Optional.of(new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The to-do has changed.")), Problems.of(stale));
    }

    @Test
    void aGatewaysHtmlErrorIsNotAProblem() {
        TodosApi todos = new TodosApi(new MobileBackendClient(url, () -> "t"));

        ApiException badGateway = assertThrows(ApiException.class, () -> todos.getTodo("gateway", null));

        assertEquals(502, badGateway.getCode());
        assertEquals(Optional.empty(), Problems.of(badGateway));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
