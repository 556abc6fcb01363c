package app.mobilebackend.functions.usermigration;

import app.mobilebackend.localstack.LegacyAuthStandIn;
import app.mobilebackend.localstack.aws.CognitoStandIn;
import app.mobilebackend.testkit.LambdaRuntimeSerialization;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolMigrateUserEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static app.mobilebackend.functions.usermigration.MigrateUserEvents.authentication;
import static app.mobilebackend.functions.usermigration.MigrateUserEvents.forgotPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user who signed up in the primary region signs in to the secondary region's pool (after a failover): that
 * pool's user-migration trigger checks the password with the primary's pool (a Cognito stand-in on loopback, through
 * the real SDK client) and creates them with the key of their rows in {@code custom:uid}; the secondary's
 * pre-token-generation trigger then puts that key in their tokens, so the functions find their to-dos and files
 * ({@code TwoRegionIdentityTest} in todos-list, {@code TwoRegionFilesTest} in files-list, take it from there).
 */
class PeerPoolMigrationTest {

    private static final String PRIMARY_POOL = "eu-west-1_Primary";
    private static final String PRIMARY_SUB = "0a1b2c3d-primary-sub-of-alice";

    private static CognitoStandIn primaryPool;
    private static LegacyAuthStandIn legacy;
    private static UserMigrationFunction secondaryMigration;
    private static UserMigrationFunction secondaryMigrationWithLegacy;

    @BeforeAll
    static void start() throws Exception {
        primaryPool = new CognitoStandIn(PRIMARY_POOL)
            .addUser("alice@example.com", "correct horse battery", Map.of("sub", PRIMARY_SUB,
                "email", "alice@example.com", "email_verified", "true"))
            // moved to the primary's pool from the secondary's before: her key is her first sub, not this pool's
            .addUser("carol@example.com", "staple", Map.of("sub", "primary-sub-of-carol",
                "email", "carol@example.com", "email_verified", "true", "custom:uid", "secondary-sub-of-carol"));
        legacy = new LegacyAuthStandIn();
        legacy.addUser("dave@example.com", "legacy pass", Map.of("username", "dave@example.com", "email", "dave@example.com"));
        legacy.addUser("alice@example.com", "old legacy pass", Map.of("username", "alice@example.com", "email", "alice@example.com"));
        secondaryMigration = handler(Map.of());
        secondaryMigrationWithLegacy = handler(Map.of("legacy-auth.url", legacy.url()));
    }

    @AfterAll
    static void stop() {
        secondaryMigration.close();
        secondaryMigrationWithLegacy.close();
        primaryPool.close();
        legacy.close();
    }

    @BeforeEach
    void primaryUp() {
        primaryPool.down(false);
        legacy.mode(LegacyAuthStandIn.Mode.UP);
    }

    @Test
    void aUserOfThePrimaryPoolSignsInToTheSecondaryWithTheirPasswordAndKeepsTheirKey() throws ParseException {
        Map<String, Object> response = map(migrate(secondaryMigration, authentication("alice@example.com", "correct horse battery")).get("response"));

        assertEquals(Map.of("email", "alice@example.com", "email_verified", "true", "custom:uid", PRIMARY_SUB),
            response.get("userAttributes"));
        assertEquals("CONFIRMED", response.get("finalUserStatus"));
        assertEquals("SUPPRESS", response.get("messageAction"));
        var signIn = primaryPool.requests().stream()
            .filter(request -> request.target().endsWith("AdminInitiateAuth")).reduce((first, second) -> second).orElseThrow();
        assertTrue(signIn.body().contains("\"ADMIN_USER_PASSWORD_AUTH\""), signIn.body());
        assertTrue(signIn.body().contains("\"primary-admin-client\""), signIn.body());
    }

    @Test
    void afterTheMoveTheSecondarysTokensCarryThePrimarysSub() throws ParseException {
        Map<String, Object> created = map(map(migrate(secondaryMigration, authentication("alice@example.com", "correct horse battery"))
            .get("response")).get("userAttributes"));
        // Cognito gives the created user a sub of the secondary pool's own; the attribute keeps her key.
        Map<String, String> secondaryUser = new LinkedHashMap<>();
        created.forEach((name, value) -> secondaryUser.put(name, String.valueOf(value)));
        secondaryUser.put("sub", "secondary-sub-of-alice");

        Map<String, Object> claims = preTokenClaims(secondaryUser);

        assertEquals(Map.of("uid", PRIMARY_SUB), claims.get("access"));
        assertEquals(Map.of("uid", PRIMARY_SUB), claims.get("id"));
    }

    @Test
    void aUserWhoSignedUpInThisPoolHasTheirOwnSubAsKey() throws ParseException {
        Map<String, Object> claims = preTokenClaims(Map.of("sub", "secondary-sub-of-bob", "email", "bob@example.com"));

        assertEquals(Map.of("uid", "secondary-sub-of-bob"), claims.get("access"));
    }

    @Test
    void aUserWhoMovedBeforeKeepsTheirFirstKeyNotThePrimarysSub() throws ParseException {
        Map<String, Object> response = map(migrate(secondaryMigration, authentication("carol@example.com", "staple")).get("response"));

        assertEquals("secondary-sub-of-carol", map(response.get("userAttributes")).get("custom:uid"));
    }

    @Test
    void aWrongPasswordIsRefusedEvenWhenTheLegacySystemKnowsAnother() {
        var failure = assertThrows(RuntimeException.class,
            () -> migrate(secondaryMigrationWithLegacy, authentication("alice@example.com", "old legacy pass")));

        assertEquals("Bad password", failure.getMessage());
    }

    @Test
    void aUserThePrimaryPoolDoesNotKnowIsAskedOfTheLegacySystem() throws ParseException {
        Map<String, Object> response = map(migrate(secondaryMigrationWithLegacy, authentication("dave@example.com", "legacy pass")).get("response"));

        assertEquals(Map.of("email", "dave@example.com", "email_verified", "true"), response.get("userAttributes"));
    }

    @Test
    void anUnknownUserIsRefusedWithoutALegacySystem() {
        var failure = assertThrows(RuntimeException.class, () -> migrate(secondaryMigration, authentication("mallory@example.com", "guess")));

        assertEquals("User does not exist", failure.getMessage());
    }

    @Test
    void whileThePrimaryIsDownNobodyIsCreatedUnderANewKey() {
        primaryPool.down(true);

        // Not even from the legacy system: alice may be the primary's user, and a user created without her key
        // would be someone else in this region.
        for (UserMigrationFunction migration : new UserMigrationFunction[] {secondaryMigration, secondaryMigrationWithLegacy}) {
            var failure = assertThrows(RuntimeException.class, () -> migrate(migration, authentication("alice@example.com", "correct horse battery")));
            assertEquals("The other region's sign-in is unavailable; try again later", failure.getMessage());
        }
    }

    @Test
    void aForgottenPasswordFindsThePrimarysUserWithoutTheirPassword() throws ParseException {
        long signInsBefore = primaryPool.requests().stream().filter(request -> request.target().endsWith("AdminInitiateAuth")).count();

        Map<String, Object> response = map(migrate(secondaryMigration, forgotPassword("ALICE@example.com")).get("response"));

        assertEquals(Map.of("email", "alice@example.com", "email_verified", "true", "custom:uid", PRIMARY_SUB),
            response.get("userAttributes"));
        assertEquals(signInsBefore, primaryPool.requests().stream().filter(request -> request.target().endsWith("AdminInitiateAuth")).count());
    }

    @Test
    void aTokenForAUserWithoutSubOrUidIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> preTokenClaims(Map.of("email", "nobody@example.com")));
    }

    /** The secondary region's trigger, built as the runtime builds it, with the primary's pool as its peer. */
    private static synchronized UserMigrationFunction handler(Map<String, String> more) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("peer-pool.user-pool-id", PRIMARY_POOL,
            "peer-pool.client-id", "primary-admin-client", "aws.cognito.endpoint", primaryPool.endpoint().toString()));
        properties.putAll(more);
        properties.forEach(System::setProperty);
        try {
            return new UserMigrationFunction();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static Map<String, Object> migrate(UserMigrationFunction function, String json) throws ParseException {
        var event = LambdaRuntimeSerialization.read(json, CognitoUserPoolMigrateUserEvent.class);
        return JSONObjectUtils.parse(LambdaRuntimeSerialization.write(function.handleRequest(event, new MockLambdaContext())));
    }

    /** The claims the secondary's pre-token-generation trigger adds, as {@code access} and {@code id}. */
    private static Map<String, Object> preTokenClaims(Map<String, String> userAttributes) throws ParseException {
        String json = """
            {
              "version": "2",
              "triggerSource": "TokenGeneration_Authentication",
              "region": "us-east-1",
              "userPoolId": "us-east-1_Secondary",
              "userName": "%s",
              "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "secondary-mobile-app"},
              "request": {
                "userAttributes": %s,
                "groupConfiguration": {"groupsToOverride": [], "iamRolesToOverride": [], "preferredRole": null},
                "scopes": ["aws.cognito.signin.user.admin"]
              },
              "response": {"claimsAndScopeOverrideDetails": null}
            }""".formatted(userAttributes.getOrDefault("sub", "x"), JSONObjectUtils.toJSONString(new LinkedHashMap<>(userAttributes)));
        var event = LambdaRuntimeSerialization.read(json, CognitoUserPoolPreTokenGenerationEventV2.class);
        Map<String, Object> answer = JSONObjectUtils.parse(LambdaRuntimeSerialization.write(
            new PreTokenGenerationFunction().handleRequest(event, new MockLambdaContext())));
        Map<String, Object> details = map(map(answer.get("response")).get("claimsAndScopeOverrideDetails"));
        return Map.of("access", map(details.get("accessTokenGeneration")).get("claimsToAddOrOverride"),
            "id", map(details.get("idTokenGeneration")).get("claimsToAddOrOverride"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return new LinkedHashMap<>((Map<String, Object>) value);
    }
}
