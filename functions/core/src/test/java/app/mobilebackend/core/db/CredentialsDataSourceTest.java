package app.mobilebackend.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsDataSourceTest {

    private static final String URL = RecordingDriver.URL_PREFIX + "//db.example.com:3306/app";

    /** Hands out "token-1", "token-2", ... and counts what it was asked. */
    private static final class CountingCredentials implements DatabaseCredentials {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger invalidations = new AtomicInteger();

        @Override
        public Credentials current() {
            return new Credentials("app_user", "token-" + calls.incrementAndGet());
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
        }
    }

    private final CountingCredentials credentials = new CountingCredentials();

    @BeforeEach
    void reset() {
        RecordingDriver.reset();
    }

    private CredentialsDataSource dataSource(Properties driverProperties) {
        return new CredentialsDataSource(new RecordingDriver(), URL, driverProperties, credentials);
    }

    @Test
    void everyConnectionGetsFreshCredentialsAndTheDriverProperties() throws SQLException {
        Properties driverProperties = new Properties();
        driverProperties.setProperty("sslMode", "REQUIRED");
        CredentialsDataSource dataSource = dataSource(driverProperties);

        dataSource.getConnection().close();
        // Hikari passes its static user name and password: they must not win over the fresh ones.
        dataSource.getConnection("static_user", "static_password").close();

        assertEquals(2, credentials.calls.get());
        List<Properties> connects = RecordingDriver.CONNECTS;
        assertEquals(2, connects.size());
        assertEquals("app_user", connects.get(0).getProperty("user"));
        assertEquals("token-1", connects.get(0).getProperty("password"));
        assertEquals("REQUIRED", connects.get(0).getProperty("sslMode"));
        assertEquals("app_user", connects.get(1).getProperty("user"));
        assertEquals("token-2", connects.get(1).getProperty("password"));
        assertEquals(1, driverProperties.size(), "the configured properties are not modified");
    }

    @Test
    void hikariAsksOncePerPhysicalConnection() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource(new Properties()));
        config.setUsername("static_user");
        config.setPassword("static_password");
        config.setMinimumIdle(0);
        config.setMaximumPoolSize(2);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertNotNull(first);
                assertNotNull(second);
            }
            // Both are back in the pool: borrowing again opens nothing new.
            pool.getConnection().close();
            assertEquals(2, credentials.calls.get());
            assertEquals(List.of("token-1", "token-2"),
                RecordingDriver.CONNECTS.stream().map(p -> p.getProperty("password")).toList());

            // A replaced connection (as after max-lifetime) is a new physical one, with new credentials.
            pool.getHikariPoolMXBean().softEvictConnections();
            pool.getConnection().close();
            assertEquals(3, credentials.calls.get());
            assertEquals("token-3", RecordingDriver.CONNECTS.get(2).getProperty("password"));
        }
    }

    @Test
    void refusedLoginDropsCachedCredentials() {
        RecordingDriver.failure = new SQLException("Access denied for user 'app_user'", "28000", 1045);

        SQLException e = assertThrows(SQLException.class, () -> dataSource(new Properties()).getConnection());

        assertSame(RecordingDriver.failure, e);
        assertEquals(1, credentials.invalidations.get());
    }

    @Test
    void otherFailuresKeepCachedCredentials() {
        RecordingDriver.failure = new SQLException("Communications link failure", "08S01");

        assertThrows(SQLException.class, () -> dataSource(new Properties()).getConnection());

        assertEquals(0, credentials.invalidations.get());
    }

    @Test
    void credentialsThatCannotBeFetchedAreAConnectionFailure() {
        var failing = new CredentialsDataSource(new RecordingDriver(), URL, new Properties(), () -> {
            throw new IllegalStateException("Secrets Manager is unreachable");
        });

        var e = assertThrows(SQLTransientConnectionException.class, failing::getConnection);

        assertTrue(e.getMessage().contains("Secrets Manager is unreachable"), e.getMessage());
        assertEquals("08001", e.getSQLState());
        assertTrue(RecordingDriver.CONNECTS.isEmpty(), "no login attempt without credentials");
    }

    @Test
    void urlTheDriverDoesNotAcceptIsAnError() {
        var other = new CredentialsDataSource(new RecordingDriver(), "jdbc:other://db.example.com/app",
            new Properties(), credentials);

        var e = assertThrows(SQLException.class, other::getConnection);

        assertTrue(e.getMessage().contains("does not accept"), e.getMessage());
    }

    @Test
    void realMySqlDriverIsAskedWithTheCredentials() throws SQLException {
        // Nothing listens on port 9 of loopback: the driver fails to connect, after the credentials were fetched.
        var mysql = new CredentialsDataSource(new com.mysql.cj.jdbc.Driver(),
            "jdbc:mysql://127.0.0.1:9/app?connectTimeout=2000", new Properties(), credentials);

        SQLException e = assertThrows(SQLException.class, mysql::getConnection);

        assertEquals(1, credentials.calls.get());
        assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), "a connection failure: " + e);
    }
}
