package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static app.mobilebackend.infra.policy.Templates.list;
import static app.mobilebackend.infra.policy.Templates.map;
import static app.mobilebackend.infra.policy.Templates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One user in both regions (issue 19; README, "One user in both regions") in the real templates: the key of a user's
 * rows rides in an immutable attribute no app client may write, every token carries it (pre-token generation, event
 * version 2), every API function trusts the other region's pool too, user-migration may ask the other pool exactly
 * what it needs, and each StackSet instance is given the other region's pool.
 */
class IdentityAcrossRegionsPolicyTest {

    private static final String AUTH = "stacks/auth.yaml";
    private static Templates real;

    @BeforeAll
    static void load() {
        real = Templates.load(Templates.realDirectory());
    }

    @Test
    void theKeyIsAnImmutableAttributeNoAppClientMayWrite() {
        Map<String, Object> uid = list(resource(AUTH, "UserPool").property("Schema")).stream().map(Templates::map)
            .filter(attribute -> "uid".equals(attribute.get("Name"))).findFirst().orElseThrow(() -> new AssertionError("no uid attribute"));
        assertEquals(false, uid.get("Mutable"));
        List<Templates.Resource> clients = real.resourcesOfType("AWS::Cognito::UserPoolClient");
        assertFalse(clients.isEmpty());
        for (Templates.Resource client : clients) {
            // Without WriteAttributes a client may write every writable attribute, custom:uid at sign-up included.
            Object writable = client.property("WriteAttributes");
            assertTrue(writable != null, client.where() + " must list WriteAttributes");
            assertFalse(list(writable).contains("custom:uid"), client.where() + " may write custom:uid");
        }
    }

    @Test
    void everyTokenCarriesTheKey() {
        Templates.Resource pool = resource(AUTH, "UserPool");
        Map<String, Object> trigger = map(map(pool.property("LambdaConfig")).get("PreTokenGenerationConfig"));
        // Only version 2 events may add claims to access tokens, and only on the Essentials or Plus tier.
        assertEquals("V2_0", trigger.get("LambdaVersion"));
        assertEquals("${PreTokenGenerationFunctionArn}", text(trigger.get("LambdaArn")));
        assertTrue(Set.of("ESSENTIALS", "PLUS").contains(pool.property("UserPoolTier")));
        assertEquals("${TriggersStack.Outputs.PreTokenGenerationFunctionAliasArn}",
            text(map(resource("root.yaml", "AuthStack").property("Parameters")).get("PreTokenGenerationFunctionArn")));
    }

    @Test
    void everyApiFunctionTrustsTheOtherRegionsPoolToo() {
        List<String> missing = new ArrayList<>();
        for (Templates.Resource function : real.resources(Policies.FUNCTIONS)) {
            if (!function.type().equals("AWS::Lambda::Function")) {
                continue;
            }
            Map<String, Object> variables = map(map(function.property("Environment")).get("Variables"));
            if (variables.containsKey("AUTH_ISSUER")) {
                for (String name : List.of("AUTH_PEER_ISSUER", "AUTH_PEER_CLIENT_IDS", "AUTH_PEER_JWKS")) {
                    if (!variables.containsKey(name)) {
                        missing.add(function.id() + " " + name);
                    }
                }
                assertEquals("${PeerUserPoolJwks}", text(variables.get("AUTH_PEER_JWKS")), function.where());
            }
        }
        assertEquals(List.of(), missing);
        Map<String, Object> passed = map(resource("root.yaml", "FunctionsStack").property("Parameters"));
        assertEquals("${PeerUserPoolId}", text(passed.get("PeerUserPoolId")));
        assertEquals("${PeerUserPoolClientId}", text(passed.get("PeerUserPoolClientId")));
        assertEquals("${PeerUserPoolJwks}", text(passed.get("PeerUserPoolJwks")));
    }

    @Test
    void userMigrationMayOnlyCheckPasswordsAndReadUsersOfTheOtherPool() {
        Templates.Resource role = resource("stacks/triggers.yaml", "UserMigrationFunctionRole");
        Set<String> cognito = new TreeSet<>();
        for (Object policy : list(role.property("Policies"))) {
            for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                actions(map(statement)).stream().filter(a -> a.startsWith("cognito-idp:")).forEach(cognito::add);
            }
        }
        assertEquals(Set.of(), cognito, "no Cognito action inline: only the peer policy");
        Map<String, Object> statement = map(list(map(resource("stacks/triggers.yaml", "PeerPoolMigrationPolicy")
            .property("PolicyDocument")).get("Statement")).get(0));
        assertEquals(List.of("cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"), actions(statement));
        assertEquals("arn:${AWS::Partition}:cognito-idp:${PeerRegion}:${AWS::AccountId}:userpool/${PeerUserPoolId}",
            text(statement.get("Resource")));
        Map<String, Object> variables = map(map(resource("stacks/triggers.yaml", "UserMigrationFunction")
            .property("Environment")).get("Variables"));
        assertEquals("${PeerUserPoolId}", text(variables.get("PEER_POOL_USER_POOL_ID")));
        assertEquals("${PeerMigrationClientId}", text(variables.get("PEER_POOL_CLIENT_ID")));
    }

    @Test
    void theMigrationClientSaysWhenAUserIsUnknownAndAllowsOnlyTheAdminFlow() {
        Templates.Resource client = resource(AUTH, "PeerMigrationClient");
        assertEquals(List.of("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"), client.property("ExplicitAuthFlows"));
        // ENABLED would answer NotAuthorized for an unknown user: the trigger would refuse instead of asking the legacy system.
        assertEquals("LEGACY", client.property("PreventUserExistenceErrors"));
    }

    @Test
    void eachRegionIsGivenTheOtherRegionsPool() {
        Templates.Resource stackSet = real.resourcesOfType("AWS::CloudFormation::StackSet").get(0);
        List<Object> groups = list(stackSet.property("StackInstancesGroup"));
        assertEquals(2, groups.size());
        for (Object group : groups) {
            Map<String, String> overrides = new java.util.HashMap<>();
            for (Object override : list(map(group).get("ParameterOverrides"))) {
                overrides.put(String.valueOf(map(override).get("ParameterKey")), text(map(override).get("ParameterValue")));
            }
            boolean primary = "true".equals(overrides.get("IsPrimaryRegion"));
            String other = primary ? "Secondary" : "Primary";
            assertEquals("${" + other + "UserPoolId}", overrides.get("PeerUserPoolId"));
            assertEquals("${" + other + "UserPoolClientId}", overrides.get("PeerUserPoolClientId"));
            assertEquals("${" + other + "MigrationClientId}", overrides.get("PeerMigrationClientId"));
            assertEquals("${" + other + "UserPoolJwks}", overrides.get("PeerUserPoolJwks"));
        }
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(action));
    }

    private static Templates.Resource resource(String file, String id) {
        return real.resources(file).stream().filter(r -> r.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError(file + " has no resource " + id));
    }
}
