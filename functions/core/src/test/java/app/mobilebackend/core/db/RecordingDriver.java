package app.mobilebackend.core.db;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:recording:} URLs that records the properties of every connect and hands out
 * connections that do nothing. Static, because the data source installer creates its driver from a class name.
 */
public final class RecordingDriver implements Driver {

    static final String URL_PREFIX = "jdbc:recording:";
    static final List<Properties> CONNECTS = new CopyOnWriteArrayList<>();
    static volatile SQLException failure;

    static void reset() {
        CONNECTS.clear();
        failure = null;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties copy = new Properties();
        copy.putAll(info);
        CONNECTS.add(copy);
        if (failure != null) {
            throw failure;
        }
        return inert(Connection.class);
    }

    /** A do-nothing JDBC object: {@code isValid} is true, statements are inert too, everything else is a default. */
    static <T> T inert(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> switch (method.getName()) {
                case "isValid" -> true;
                case "toString" -> "inert " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "createStatement" -> inert(Statement.class);
                default -> defaultValue(method.getReturnType());
            }));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
