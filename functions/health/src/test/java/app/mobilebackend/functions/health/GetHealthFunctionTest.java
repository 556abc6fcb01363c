package app.mobilebackend.functions.health;

import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.testkit.LocalFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GetHealthFunctionTest {

    private static LocalFunction function;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void returnsUpWithoutTokenWhenDatabaseAnswers() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/health").build());

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("status", "UP", "checks", Map.of("database", "UP")), function.readMap(response.getBody()));
        assertEquals("no-store", header(response, "Cache-Control"));
    }

    @Test
    void returnsServiceUnavailableWithRetryAfterWhenDatabaseIsDown() {
        try (var down = LocalFunction.start(Map.of("db.url", "jdbc:mysql://127.0.0.1:9/mobile", "datasources.default.minimum-idle", 0,
                "datasources.default.connection-timeout", 1000, "datasources.default.initialization-fail-timeout", -1))) {
            var response = down.handle(ApiGatewayEvents.request("GET", "/health").build());

            assertEquals(503, response.getStatusCode());
            assertEquals("5", header(response, "Retry-After"));
            assertEquals(Map.of("status", "DOWN", "checks", Map.of("database", "DOWN")), down.readMap(response.getBody()));
        }
    }

    @Test
    void routesOnlyItsOwnOperation() {
        String token = LocalIdentityProvider.shared().accessToken("someone");
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(token).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }
}
