package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.api.HealthApi;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requests say which SDK sent them, and which version: the server's logs tell an app's SDK apart from curl's. */
class UserAgentTest {

    @Test
    void sendsItsOwnNameAndTheSpecsVersion() throws Exception {
        AtomicReference<String> userAgent = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            userAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            byte[] body = "{\"status\":\"UP\",\"checks\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ApiClient client = new ApiClient().setBasePath("http://127.0.0.1:" + server.getAddress().getPort());
            new HealthApi(client).getHealth();
        } finally {
            server.stop(0);
        }
        assertEquals("mobile-backend-sdk-android/" + System.getProperty("sdk.version"), userAgent.get());
    }
}
