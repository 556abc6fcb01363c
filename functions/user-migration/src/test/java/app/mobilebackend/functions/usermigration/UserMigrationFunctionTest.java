package app.mobilebackend.functions.usermigration;

import app.mobilebackend.identity.legacy.LegacyAuthException;
import app.mobilebackend.localstack.LegacyAuthStandIn;
import app.mobilebackend.testkit.LambdaRuntimeSerialization;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolMigrateUserEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.functions.usermigration.MigrateUserEvents.authentication;
import static app.mobilebackend.functions.usermigration.MigrateUserEvents.forgotPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The trigger as Cognito calls it: events are the JSON documents Cognito sends (the shape of the Cognito developer
 * guide's "Migrate user Lambda trigger" examples), read and written by the Lambda Java runtime's own serializer.
 */
class UserMigrationFunctionTest {

    private static LegacyAuthStandIn legacy;
    private static UserMigrationFunction function;

    @BeforeAll
    static void start() throws Exception {
        legacy = new LegacyAuthStandIn();
        legacy.addUser("alice", "correct horse", Map.of("username", "alice", "email", "alice@example.com",
            "name", "Alice Liddell", "givenName", "Alice", "familyName", "Liddell", "locale", "en-GB",
            "phoneNumber", "+447700900123", "legacyId", 4711, "passwordHash", "$2a$10$abc"));
        legacy.addUser("bob", "hunter2", Map.of("username", "bob", "email", "bob@example.com", "phoneNumber", "0770 090 0456"));
        legacy.addUser("nomail", "secret", Map.of("username", "nomail"));
        function = handlerFor(legacy.url());
    }

    @AfterAll
    static void stop() {
        function.close();
        legacy.close();
    }

    @BeforeEach
    void legacyUp() {
        legacy.mode(LegacyAuthStandIn.Mode.UP);
    }

    @Test
    void migratesUserOnSignInWithLegacyPassword() throws ParseException {
        Map<String, Object> answer = invoke(authentication("alice", "correct horse"));

        Map<String, Object> response = map(answer.get("response"));
        assertEquals(Map.of("email", "alice@example.com", "email_verified", "true", "name", "Alice Liddell",
            "given_name", "Alice", "family_name", "Liddell", "locale", "en-GB", "phone_number", "+447700900123"),
            response.get("userAttributes"));
        assertEquals("CONFIRMED", response.get("finalUserStatus"));
        assertEquals("SUPPRESS", response.get("messageAction"));
        assertEquals("UserMigration_Authentication", answer.get("triggerSource"));
        assertEquals(Map.of("username", "alice", "password", "correct horse"), legacy.logins().getLast());
    }

    @Test
    void leavesOutPhoneNumberCognitoWouldRefuse() throws ParseException {
        Map<String, Object> response = map(invoke(authentication("bob", "hunter2")).get("response"));

        assertEquals(Map.of("email", "bob@example.com", "email_verified", "true"), response.get("userAttributes"));
    }

    @Test
    void refusesWrongPasswordWithBadPassword() {
        var failure = assertThrows(LegacyAuthException.class, () -> invoke(authentication("alice", "wrong")));

        assertEquals("Bad password", failure.getMessage());
    }

    @Test
    void refusesUnknownUserWithUserDoesNotExist() {
        var failure = assertThrows(LegacyAuthException.class, () -> invoke(authentication("mallory", "guess")));

        assertEquals("User does not exist", failure.getMessage());
    }

    @Test
    void refusesLegacyUserWithoutEmail() {
        var failure = assertThrows(LegacyAuthException.class, () -> invoke(authentication("nomail", "secret")));

        assertEquals("User does not exist", failure.getMessage());
    }

    @Test
    void reportsLegacySystemDownWithoutItsDetails() {
        legacy.mode(LegacyAuthStandIn.Mode.FAILING);

        var failure = assertThrows(LegacyAuthException.class, () -> invoke(authentication("alice", "correct horse")));

        assertEquals(LegacyAuthException.Reason.UNAVAILABLE, failure.reason());
        assertEquals("The legacy sign-in is unavailable; try again later", failure.getMessage());
        assertFalse(failure.getMessage().contains("ORA-"));
    }

    @Test
    void givesUpOnHangingLegacySystemInsteadOfOutlivingCognitosWait() {
        legacy.mode(LegacyAuthStandIn.Mode.HANGING);

        var failure = assertThrows(LegacyAuthException.class, () -> invoke(authentication("alice", "correct horse")));

        assertEquals(LegacyAuthException.Reason.UNAVAILABLE, failure.reason());
    }

    @Test
    void reportsUnreachableLegacySystemAsUnavailable() {
        try (var unreachable = handlerFor("http://127.0.0.1:9/legacy")) {
            var event = LambdaRuntimeSerialization.read(authentication("alice", "correct horse"), CognitoUserPoolMigrateUserEvent.class);

            var failure = assertThrows(LegacyAuthException.class, () -> unreachable.handleRequest(event, new MockLambdaContext()));

            assertEquals(LegacyAuthException.Reason.UNAVAILABLE, failure.reason());
        }
    }

    @Test
    void findsUserForForgottenPasswordWithoutPassword() throws ParseException {
        int loginsBefore = legacy.logins().size();

        Map<String, Object> response = map(invoke(forgotPassword("alice")).get("response"));

        assertEquals("alice@example.com", map(response.get("userAttributes")).get("email"));
        assertEquals("true", map(response.get("userAttributes")).get("email_verified"));
        assertEquals("SUPPRESS", response.get("messageAction"));
        assertNull(response.get("finalUserStatus"));
        assertEquals(loginsBefore, legacy.logins().size(), "no login attempt");
    }

    @Test
    void refusesForgottenPasswordOfUnknownUser() {
        var failure = assertThrows(LegacyAuthException.class, () -> invoke(forgotPassword("mallory")));

        assertEquals("User does not exist", failure.getMessage());
    }

    /**
     * The handler built as the runtime builds it (no-argument constructor, configuration from the environment), with
     * only what the trigger needs: the legacy API, no database, no token settings.
     */
    private static synchronized UserMigrationFunction handlerFor(String legacyUrl) {
        System.setProperty("legacy-auth.url", legacyUrl);
        try {
            return new UserMigrationFunction();
        } finally {
            System.clearProperty("legacy-auth.url");
        }
    }

    /** Runs the handler as the runtime does: JSON in through the runtime's serializer, the answer out through it. */
    private static Map<String, Object> invoke(String json) throws ParseException {
        var event = LambdaRuntimeSerialization.read(json, CognitoUserPoolMigrateUserEvent.class);
        var answer = function.handleRequest(event, new MockLambdaContext());
        return JSONObjectUtils.parse(LambdaRuntimeSerialization.write(answer));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

}
