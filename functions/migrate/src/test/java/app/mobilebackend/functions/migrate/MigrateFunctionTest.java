package app.mobilebackend.functions.migrate;

import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateFunctionTest {

    @Test
    void migratesEmptyDatabaseOnceAndThenAppliesNothing() throws SQLException {
        LocalDatabase db = TestDatabase.shared();
        String schema = "migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
        }
        String url = db.url().replaceFirst("/[^/?]+\\?", "/" + schema + "?"); // the test database's name, whatever it is
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.put("db.url", url);

        // Every migration of functions-core, as Flyway itself finds them on the class path.
        MigrationInfo[] pending = Flyway.configure().dataSource(url, db.username(), db.password())
            .locations("classpath:db/migration").load().info().pending();
        assertTrue(pending.length >= 1);

        try (var function = new MigrateFunction(ApplicationContext.builder().properties(properties).build())) {
            Map<String, Object> first = function.execute(Map.of());
            Map<String, Object> second = function.execute(Map.of());

            assertEquals(pending.length, first.get("migrationsApplied"));
            assertEquals(pending[pending.length - 1].getVersion().getVersion(), first.get("schemaVersion"));
            assertEquals(0, second.get("migrationsApplied"));
        }
        try (Connection connection = DriverManager.getConnection(url, db.username(), db.password());
             ResultSet tables = connection.getMetaData().getTables(schema, null, "todo", null)) {
            assertTrue(tables.next(), "table todo exists");
        }
    }
}
