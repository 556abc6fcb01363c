package app.mobilebackend.functions.todos.list;

import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.testkit.LocalFunction;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JWKS and the first database connection are had in Lambda's init phase, not by the first request. */
class InitPhaseTest {

    @Test
    void keysAndConnectionAreReadyBeforeTheFirstRequest() throws SQLException {
        try (LocalIdentityProvider identity = LocalIdentityProvider.start();
             LocalFunction function = LocalFunction.start(identity.properties())) {

            assertEquals(1, identity.jwksFetches(), "JWKS fetched during init");
            assertEquals(1, openConnections(function), "a pooled connection opened during init");

            var response = function.handle(ApiGatewayEvents.request("GET", "/todos")
                .bearer(identity.accessToken("init-phase-user")).build());

            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals(1, identity.jwksFetches(), "the first request used the keys fetched at init");
        }
    }

    @Test
    void withoutWarmUpTheFirstRequestFetchesTheKeys() throws SQLException {
        try (LocalIdentityProvider identity = LocalIdentityProvider.start()) {
            Map<String, Object> properties = new HashMap<>(identity.properties());
            properties.put("init.warm-up", "false");
            try (LocalFunction function = LocalFunction.start(properties)) {
                assertEquals(0, identity.jwksFetches());

                function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(identity.accessToken("init-phase-user")).build());

                assertEquals(1, identity.jwksFetches());
            }
        }
    }

    private static int openConnections(LocalFunction function) throws SQLException {
        HikariDataSource pool = function.context().getBean(DataSource.class).unwrap(HikariDataSource.class);
        return pool.getHikariPoolMXBean().getTotalConnections();
    }
}
