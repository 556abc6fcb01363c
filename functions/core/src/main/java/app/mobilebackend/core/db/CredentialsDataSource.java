package app.mobilebackend.core.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens every physical connection with the credentials {@link DatabaseCredentials} gives at that moment.
 * Hikari calls {@link #getConnection} only to open a physical connection, so an IAM token (valid 15 minutes) or
 * a rotated secret is fetched exactly when needed, not once at startup.
 */
public final class CredentialsDataSource implements DataSource {

    /** SQLSTATE of "access denied" (MySQL error 1045). */
    private static final String INVALID_AUTHORIZATION = "28000";

    private final Driver driver;
    private final String url;
    private final Properties driverProperties;
    private final DatabaseCredentials credentials;
    private volatile int loginTimeoutSeconds;
    private volatile PrintWriter logWriter;

    /**
     * @param driver           the JDBC driver, used directly: {@link java.sql.DriverManager} only finds drivers
     *                         visible to its caller's class loader
     * @param url              the JDBC URL
     * @param driverProperties further connection properties ({@code datasources.default.data-source-properties})
     * @param credentials      asked once per connection
     */
    public CredentialsDataSource(Driver driver, String url, Properties driverProperties, DatabaseCredentials credentials) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.url = Objects.requireNonNull(url, "url");
        this.driverProperties = new Properties();
        this.driverProperties.putAll(driverProperties);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Connection getConnection() throws SQLException {
        Credentials login = fetchCredentials();
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.setProperty("user", login.username());
        properties.setProperty("password", login.password());
        try {
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                // The URL is not printed: it may carry parameters that should stay out of logs.
                throw new SQLException("The JDBC driver " + driver.getClass().getName() + " does not accept the URL");
            }
            return connection;
        } catch (SQLException e) {
            if (INVALID_AUTHORIZATION.equals(e.getSQLState())) {
                // Likely a rotated secret: the next connection attempt fetches it again instead of waiting for the cache.
                credentials.invalidate();
            }
            throw e;
        }
    }

    /** Ignores the arguments: Hikari passes its static user name and password, which these modes replace. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private Credentials fetchCredentials() throws SQLException {
        try {
            return credentials.current();
        } catch (RuntimeException e) {
            // A connection exception, so callers treat it like an unreachable database (503, retry later).
            throw new SQLTransientConnectionException("Cannot get database credentials: " + e.getMessage(), "08001", e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Kept for the pool's sake only: Connector/J takes its timeouts from the URL ({@code connectTimeout}). */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
