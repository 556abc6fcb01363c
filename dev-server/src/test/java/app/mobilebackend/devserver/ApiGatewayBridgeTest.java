package app.mobilebackend.devserver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The event the bridge makes of an HTTP request is the one API Gateway's REST proxy integration would send. */
class ApiGatewayBridgeTest {

    private final AtomicReference<APIGatewayProxyRequestEvent> received = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        ApiResources resources = ApiResources.of(List.of("/todos", "/todos/{todoId}"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.set(ApiGatewayBridge.toEvent(exchange, resources));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void handsOnThePathAsSentWithTheResourceAndItsDecodedParameters() throws Exception {
        APIGatewayProxyRequestEvent event = send("/todos/a%25b%20%22c%22%2Fd+e%F0%9F%98%80?q=x%20y&q=1+2%2B3&flag&n%C3%A9=caf%C3%A9");

        assertEquals("/todos/a%25b%20%22c%22%2Fd+e%F0%9F%98%80", event.getPath());
        assertEquals("/todos/a%25b%20%22c%22%2Fd+e%F0%9F%98%80", event.getRequestContext().getPath());
        assertEquals("/todos/{todoId}", event.getResource());
        assertEquals("/todos/{todoId}", event.getRequestContext().getResourcePath());
        assertEquals(Map.of("todoId", "a%b \"c\"/d+e😀"), event.getPathParameters());
        assertEquals(Map.of("q", List.of("x y", "1 2+3"), "flag", List.of(""), "né", List.of("café")), event.getMultiValueQueryStringParameters());
        assertEquals(Map.of("q", "1 2+3", "flag", "", "né", "café"), event.getQueryStringParameters());
    }

    @Test
    void aPathOfNoResourceGoesOnAsItsOwnResourceWithoutParameters() throws Exception {
        APIGatewayProxyRequestEvent event = send("/nothing/a%20b");

        assertEquals("/nothing/a%20b", event.getPath());
        assertEquals("/nothing/a%20b", event.getResource());
        assertNull(event.getPathParameters());
        assertNull(event.getQueryStringParameters());
    }

    private APIGatewayProxyRequestEvent send(String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(204, response.statusCode());
        return received.get();
    }
}
