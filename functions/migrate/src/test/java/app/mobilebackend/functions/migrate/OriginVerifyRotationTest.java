package app.mobilebackend.functions.migrate;

import app.mobilebackend.localstack.aws.CloudFrontStandIn;
import app.mobilebackend.localstack.aws.SecretsManagerStandIn;
import app.mobilebackend.localstack.aws.WafStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The origin-verify rotation's four steps through the real SDK clients, against protocol-level stand-ins on loopback:
 * Secrets Manager (versions and staging labels), WAF in two regions (the API's web ACL, optimistic locks) and
 * CloudFront (the distribution's config with ETag and If-Match). After every step, whatever CloudFront sends is a
 * value both regions' web ACLs accept: no moment refuses CloudFront's traffic.
 */
class OriginVerifyRotationTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mobile-backend-prod/origin-verify-AbCdEf";
    private static final String ACL = "mobile-backend-prod-api";
    private static final String DISTRIBUTION = "E2QWRUHAPOMQZL";
    private static final String FIRST = "first-value-0123456789abcdefghijklmnopqrstuv";

    private SecretsManagerStandIn secretsManager;
    private WafStandIn primaryWaf;
    private WafStandIn secondaryWaf;
    private CloudFrontStandIn cloudFront;
    private OriginVerifyRotationFunction function;

    @BeforeEach
    void start() {
        secretsManager = new SecretsManagerStandIn().versionedSecret(SECRET, FIRST);
        primaryWaf = new WafStandIn().addWebAcl(ACL, OriginVerifyRotation.RULE, "x-origin-verify", List.of(FIRST, FIRST));
        secondaryWaf = new WafStandIn().addWebAcl(ACL, OriginVerifyRotation.RULE, "x-origin-verify", List.of(FIRST, FIRST));
        cloudFront = CloudFrontStandIn.start().addDistribution(DISTRIBUTION, FIRST);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        function = new OriginVerifyRotationFunction(new OriginVerifyRotation(
            SecretsManagerClient.builder().endpointOverride(secretsManager.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
            List.of(waf(primaryWaf.endpoint(), Region.EU_WEST_1, credentials), waf(secondaryWaf.endpoint(), Region.US_EAST_1, credentials)),
            ACL,
            CloudFrontClient.builder().endpointOverride(URI.create(cloudFront.url())).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
            DISTRIBUTION));
    }

    private static Wafv2Client waf(URI endpoint, Region region, StaticCredentialsProvider credentials) {
        return Wafv2Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        secretsManager.close();
        primaryWaf.close();
        secondaryWaf.close();
        cloudFront.close();
    }

    @Test
    void aRotationMovesCloudFrontToANewValueThatBothRegionsAcceptedFirst() {
        String token = UUID.randomUUID().toString();
        secretsManager.beginRotation(token);

        step("createSecret", token);
        String pending = secretsManager.valueAt("AWSPENDING");
        assertTrue(pending.matches("[A-Za-z0-9]{48}"), pending);
        assertNoWindow();
        assertEquals(FIRST, cloudFront.originVerify(DISTRIBUTION), "nothing changed outside Secrets Manager yet");

        step("setSecret", token);
        assertEquals(Set.of(FIRST, pending), new HashSet<>(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(Set.of(FIRST, pending), new HashSet<>(secondaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(pending, cloudFront.originVerify(DISTRIBUTION));
        assertNoWindow();

        step("testSecret", token);
        step("finishSecret", token);
        assertEquals(pending, secretsManager.valueAt("AWSCURRENT"));
        assertEquals(FIRST, secretsManager.valueAt("AWSPREVIOUS"));
        // CloudFront's edges take minutes to switch: the previous value stays accepted until the next rotation.
        assertEquals(Set.of(FIRST, pending), new HashSet<>(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertNoWindow();
    }

    @Test
    void theWebAclsAcceptTheNewValueBeforeCloudFrontSendsIt() {
        String token = UUID.randomUUID().toString();
        secretsManager.beginRotation(token);
        step("createSecret", token);
        // CloudFront does not answer: the web ACLs were updated first, so they accept both values while CloudFront
        // keeps sending the old one, and the secret stays where it was until a retry gets through.
        String before = cloudFront.originVerify(DISTRIBUTION);
        cloudFront.close();

        assertThrows(RuntimeException.class, () -> step("setSecret", token));

        String pending = secretsManager.valueAt("AWSPENDING");
        assertEquals(Set.of(FIRST, pending), new HashSet<>(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(Set.of(FIRST, pending), new HashSet<>(secondaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(FIRST, before);
        assertEquals(FIRST, secretsManager.valueAt("AWSCURRENT"), "the secret did not move");
    }

    @Test
    void everyStepRunTwiceChangesNothingTheSecondTime() {
        String token = UUID.randomUUID().toString();
        secretsManager.beginRotation(token);
        step("createSecret", token);
        String pending = secretsManager.valueAt("AWSPENDING");
        step("createSecret", token);
        assertEquals(pending, secretsManager.valueAt("AWSPENDING"), "a retried createSecret keeps the value");

        step("setSecret", token);
        int wafUpdates = primaryWaf.updates().size() + secondaryWaf.updates().size();
        int cloudFrontUpdates = cloudFront.configUpdates().size();
        step("setSecret", token);
        assertEquals(wafUpdates, primaryWaf.updates().size() + secondaryWaf.updates().size());
        assertEquals(cloudFrontUpdates, cloudFront.configUpdates().size());

        step("testSecret", token);
        step("finishSecret", token);
        Map<String, List<String>> stages = secretsManager.stages();
        step("finishSecret", token);
        assertEquals(stages, secretsManager.stages());
    }

    @Test
    void aWebAclChangedByAnotherHandWhileItIsUpdatedIsReadAgainAndUpdated() {
        String token = UUID.randomUUID().toString();
        secretsManager.beginRotation(token);
        step("createSecret", token);
        primaryWaf.changeBeforeNextUpdate();

        step("setSecret", token);

        String pending = secretsManager.valueAt("AWSPENDING");
        assertEquals(Set.of(FIRST, pending), new HashSet<>(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(List.of(ACL), primaryWaf.updates(), "the refused update was retried once with a fresh lock token");
        assertEquals(pending, cloudFront.originVerify(DISTRIBUTION));
    }

    @Test
    void aSecondRotationDropsTheOldestValue() {
        String first = rotateFully();
        String second = rotateFully();

        assertNotEquals(first, second);
        assertEquals(Set.of(first, second), new HashSet<>(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(Set.of(first, second), new HashSet<>(secondaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE)));
        assertEquals(second, cloudFront.originVerify(DISTRIBUTION));
    }

    @Test
    void aTokenThatIsNotPendingIsRefusedAndTestSecretFailsBeforeSetSecret() {
        assertThrows(IllegalStateException.class, () -> step("createSecret", UUID.randomUUID().toString()));

        String token = UUID.randomUUID().toString();
        secretsManager.beginRotation(token);
        step("createSecret", token);
        assertThrows(IllegalStateException.class, () -> step("testSecret", token), "nothing accepts the new value yet");
        assertThrows(IllegalArgumentException.class, () -> step("rotateEverything", token));
    }

    @Test
    void aRegionWithoutItsApiYetIsLeftToReadTheSecretWhenItDeploys() {
        try (WafStandIn notYetDeployed = new WafStandIn()) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            function = new OriginVerifyRotationFunction(new OriginVerifyRotation(
                SecretsManagerClient.builder().endpointOverride(secretsManager.endpoint()).region(Region.EU_WEST_1)
                    .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                List.of(waf(primaryWaf.endpoint(), Region.EU_WEST_1, credentials), waf(notYetDeployed.endpoint(), Region.US_EAST_1, credentials)),
                ACL,
                CloudFrontClient.builder().endpointOverride(URI.create(cloudFront.url())).region(Region.AWS_GLOBAL)
                    .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                DISTRIBUTION));

            String token = UUID.randomUUID().toString();
            secretsManager.beginRotation(token);
            for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
                step(step, token);
            }

            String value = secretsManager.valueAt("AWSCURRENT");
            assertNotEquals(FIRST, value);
            assertEquals(value, cloudFront.originVerify(DISTRIBUTION));
            assertTrue(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE).contains(value));
            assertEquals(List.of(), notYetDeployed.updates());
        }
    }

    private String rotateFully() {
        String token = UUID.randomUUID().toString();
        secretsManager.beginRotation(token);
        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            step(step, token);
            assertNoWindow();
        }
        return secretsManager.valueAt("AWSCURRENT");
    }

    private void step(String step, String token) {
        function.handleRequest(Map.of("SecretId", SECRET, "ClientRequestToken", token, "Step", step), null);
    }

    /** What CloudFront sends now, both regions' web ACLs accept. */
    private void assertNoWindow() {
        String sent = cloudFront.originVerify(DISTRIBUTION);
        assertTrue(primaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE).contains(sent), "primary refuses " + sent);
        assertTrue(secondaryWaf.acceptedValues(ACL, OriginVerifyRotation.RULE).contains(sent), "secondary refuses " + sent);
    }
}
