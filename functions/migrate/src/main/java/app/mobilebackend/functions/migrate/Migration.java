package app.mobilebackend.functions.migrate;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * What the migrate function does to the database: the Flyway migrations of functions-core, and the user the API
 * functions log in as (through RDS Proxy, which logs in with that user's password from the app secret).
 */
@Singleton
final class Migration {

    /** As the stacks allow them (database.yaml's DbUser and DbName). */
    private static final Pattern USER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,31}");
    private static final Pattern DATABASE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");

    /** What a run did: migrations applied and the schema version now. */
    record Result(int migrationsApplied, String schemaVersion) {
    }

    private final DataSource dataSource;

    Migration(DataSource dataSource, DataSourceResolver resolver) {
        // Flyway manages its own connections and transactions: give it the pool, not Micronaut Data's contextual proxy.
        this.dataSource = resolver.resolve(dataSource);
    }

    /** Brings the schema to this build's version; run again, it applies nothing. */
    Result migrate() {
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new Result(result.migrationsExecuted, version);
    }

    /**
     * Creates {@code user} with {@code password} unless it exists (the app secret's rotation changes the password
     * afterwards, in the secret and the database together), and grants it reads and writes of the rows of
     * {@code database}, nothing more: no DDL, no other schema.
     */
    void ensureAppUser(String user, String password, String database) throws SQLException {
        require(USER, user, "user name");
        require(DATABASE, database, "database name");
        if (password == null || password.isEmpty() || password.indexOf('\'') >= 0 || password.indexOf('\\') >= 0) {
            // the secret's generator excludes both (database.yaml, ExcludeCharacters); CREATE USER takes no parameters
            throw new IllegalArgumentException("the app secret's password is empty or holds ' or \\");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.* TO '" + user + "'@'%'");
        }
    }

    private static void require(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": " + value);
        }
    }
}
