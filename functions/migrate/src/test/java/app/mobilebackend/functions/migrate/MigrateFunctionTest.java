package app.mobilebackend.functions.migrate;

import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
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
        TestDatabase db = TestDatabase.shared();
        String schema = "migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
        }
        String url = db.url().replaceFirst("/mobile\\?", "/" + schema + "?");
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.put("db.url", url);

        try (var function = new MigrateFunction(ApplicationContext.builder().properties(properties).build())) {
            Map<String, Object> first = function.execute(Map.of());
            Map<String, Object> second = function.execute(Map.of());

            assertEquals(1, first.get("migrationsApplied"));
            assertEquals("1", first.get("schemaVersion"));
            assertEquals(0, second.get("migrationsApplied"));
        }
        try (Connection connection = DriverManager.getConnection(url, db.username(), db.password());
             ResultSet tables = connection.getMetaData().getTables(schema, null, "todo", null)) {
            assertTrue(tables.next(), "table todo exists");
        }
    }
}
