package app.mobilebackend.core.health;

import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/** Whether this region can serve requests: today that is whether its database answers. */
@Singleton
public final class HealthService {

    /** How long a client waits before retrying while the database does not answer (the {@code Retry-After} value). */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);
    private static final int TIMEOUT_SECONDS = 2;

    private final ConnectionOperations<Connection> connections;

    HealthService(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public boolean databaseUp() {
        try {
            return connections.executeRead(status -> isValid(status.getConnection()));
        } catch (RuntimeException e) {
            LOG.warn("Health check: the database does not answer: {}", e.toString());
            return false;
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
