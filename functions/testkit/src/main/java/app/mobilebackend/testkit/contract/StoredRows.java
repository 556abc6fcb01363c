package app.mobilebackend.testkit.contract;

import app.mobilebackend.localstack.LocalDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The number of rows of every table of the test database (but Flyway's history): equal before and after a request
 * means the request stored nothing. Any table a migration adds is counted without a change here.
 */
public final class StoredRows implements AutoCloseable {

    private final Connection connection;
    private final String countAll;

    public StoredRows(LocalDatabase database) throws SQLException {
        this.connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                 + "AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        this.countAll = String.join(" UNION ALL ", tables.stream()
            .map(table -> "SELECT '" + table + "', COUNT(*) FROM `" + table + "`").toList());
    }

    /** Table → row count. */
    public Map<String, Long> count() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(countAll)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
