package app.mobilebackend.core.db;

import app.mobilebackend.localstack.aws.SecretsManagerStandIn;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.ConnectionOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which beans each {@code db.auth} creates, and that the pool then logs in through them. */
class DatabaseAuthWiringTest {

    // The SDK's own settings, read before its environment variables: static test credentials, the stand-in's address.
    private static final String[] AWS_SYSTEM_PROPERTIES =
        {"aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlSecretsManager"};

    @BeforeEach
    void reset() {
        RecordingDriver.reset();
    }

    @AfterEach
    void clearAwsSettings() {
        for (String property : AWS_SYSTEM_PROPERTIES) {
            System.clearProperty(property);
        }
    }

    /** The settings every mode shares; the pool opens no connection at startup. */
    private static Map<String, Object> properties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("db.url", RecordingDriver.URL_PREFIX + "//db.example.com:3306/app");
        properties.put("db.username", "app_user");
        properties.put("datasources.default.driver-class-name", RecordingDriver.class.getName());
        properties.put("datasources.default.minimum-idle", 0);
        properties.put("datasources.default.initialization-fail-timeout", -1);
        properties.put("auth.jwks-url", "http://127.0.0.1:9/jwks");
        // These tests watch when credentials are asked for; the init-phase connection (InitPhaseTest) would ask at start.
        properties.put("init.warm-up", false);
        properties.putAll(overrides);
        return properties;
    }

    @Test
    void passwordModeLeavesThePoolAlone() {
        for (Map<String, Object> mode : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("db.auth", "password"))) {
            try (ApplicationContext context = ApplicationContext.run(properties(mode))) {
                assertFalse(context.containsBean(DatabaseCredentials.class), mode.toString());
                assertFalse(context.containsBean(CredentialsDataSourceInstaller.class), mode.toString());
                assertNull(context.getBean(DatasourceConfiguration.class).getDataSource(), mode.toString());
            }
        }
    }

    @Test
    void passwordModeLogsInWithTheConfiguredPassword() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of("db.password", "static-pw")))) {
            assertTrue(open(context));
        }
        assertEquals(1, RecordingDriver.CONNECTS.size());
        assertEquals("app_user", RecordingDriver.CONNECTS.getFirst().getProperty("user"));
        assertEquals("static-pw", RecordingDriver.CONNECTS.getFirst().getProperty("password"));
    }

    @Test
    void unknownModeStopsTheStart() {
        var e = assertThrows(RuntimeException.class,
            () -> ApplicationContext.run(properties(Map.of("db.auth", "IAM"))).close());
        assertTrue(causes(e).contains("must be one of password, iam, secrets-manager"), causes(e));
    }

    @Test
    void iamModeLogsInWithAToken() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
        try (ApplicationContext context = ApplicationContext.run(
            properties(Map.of("db.auth", "iam", "db.region", "us-east-1", "db.password", "ignored")))) {

            assertInstanceOf(IamAuthTokenCredentials.class, context.getBean(DatabaseCredentials.class));
            assertInstanceOf(CredentialsDataSource.class, context.getBean(DatasourceConfiguration.class).getDataSource());
            assertTrue(open(context));
        }
        assertEquals(1, RecordingDriver.CONNECTS.size());
        Properties login = RecordingDriver.CONNECTS.getFirst();
        assertEquals("app_user", login.getProperty("user"));
        String token = login.getProperty("password");
        assertTrue(token.startsWith("db.example.com:3306/?"), token);
        assertTrue(token.contains("Action=connect"), token);
        assertTrue(token.contains("DBUser=app_user"), token);
        assertTrue(token.contains("X-Amz-Credential=AKIDEXAMPLE%2F"), token);
    }

    @Test
    void secretsManagerModeLogsInWithTheSecret() throws Exception {
        try (SecretsManagerStandIn standIn = new SecretsManagerStandIn()) {
            standIn.secretString("{\"username\":\"rotated_user\",\"password\":\"s3cret\"}");
            System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
            System.setProperty("aws.secretAccessKey", "secret");
            System.setProperty("aws.endpointUrlSecretsManager", standIn.endpoint().toString());
            try (ApplicationContext context = ApplicationContext.run(properties(Map.of(
                "db.auth", "secrets-manager", "db.secret-id", "prod/db", "db.region", "us-east-1")))) {

                assertInstanceOf(SecretsManagerCredentials.class, context.getBean(DatabaseCredentials.class));
                assertTrue(standIn.requests().isEmpty(), "no AWS call before the first connection");
                assertTrue(open(context));
            }
            assertEquals(1, standIn.requests().size());
            assertTrue(standIn.requests().getFirst().body().contains("\"prod/db\""), standIn.requests().getFirst().body());
        }
        assertEquals(1, RecordingDriver.CONNECTS.size());
        assertEquals("rotated_user", RecordingDriver.CONNECTS.getFirst().getProperty("user"));
        assertEquals("s3cret", RecordingDriver.CONNECTS.getFirst().getProperty("password"));
    }

    @Test
    void secretsManagerModeNeedsASecretId() {
        var e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(
            properties(Map.of("db.auth", "secrets-manager", "db.region", "us-east-1"))).close());
        assertTrue(causes(e).contains("DB_SECRET_ID"), causes(e));
    }

    /** Opens a connection the way the application does, which makes the pool open a physical one. */
    @SuppressWarnings("unchecked")
    private static boolean open(ApplicationContext context) {
        ConnectionOperations<Connection> connections =
            context.getBean(Argument.of(ConnectionOperations.class, Connection.class));
        return connections.executeRead(status -> {
            try {
                return status.getConnection().isValid(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String causes(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
