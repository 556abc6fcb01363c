package app.mobilebackend.functions.todos.list;

import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart: a handler survives a checkpoint and a restore. The CRaC notifications are simulated in the order a CRaC
 * JVM gives them to the resources micronaut-crac registers (checkpoint: reverse registration order).
 */
class SnapshotRestoreTest {

    @Test
    @Timeout(120) // a suspended pool blocks getConnection: a wrong resource order would hang, not fail
    void servesAfterRestoreWithAFreshConnection() throws SQLException {
        try (LocalFunction function = LocalFunction.start()) {
            TestUser user = TestUser.fresh();
            assertEquals(200, function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).build()).getStatusCode());
            List<OrderedResource> resources = new ArrayList<>(function.context().getBeansOfType(OrderedResource.class));
            OrderUtil.sort(resources);
            var crac = new DefaultCheckpointSimulator(resources);
            HikariDataSource pool = function.context().getBean(DataSource.class).unwrap(HikariDataSource.class);

            crac.runBeforeCheckpoint();
            assertEquals(0, pool.getHikariPoolMXBean().getTotalConnections(), "no connection goes into the snapshot");

            crac.runAfterRestore();
            assertTrue(pool.getHikariPoolMXBean().getTotalConnections() >= 1, "a connection is opened on restore");
            var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).build());
            assertEquals(200, response.getStatusCode(), response.getBody());
        }
    }
}
