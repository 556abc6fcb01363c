package app.mobilebackend.functions.content.access;

import app.mobilebackend.api.model.ContentAccess;
import app.mobilebackend.content.PremiumSubscriptionRepository;
import app.mobilebackend.content.PremiumSubscriptionRow;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.localstack.aws.CloudFrontTestKeys;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetContentAccessFunctionTest {

    private static final String CDN = CloudFrontTestKeys.CDN_DOMAIN;
    private static final String KEY_PAIR_ID = CloudFrontTestKeys.KEY_PAIR_ID;
    private static final String FREE = "yoga-basics-01";
    private static final String PREMIUM = "yoga-advanced-01";

    private static LocalFunction function;
    private static PremiumSubscriptionRepository subscriptions;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start(contentProperties(Map.of()));
        subscriptions = function.context().getBean(PremiumSubscriptionRepository.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void signsFreeItemForAnyUserWithValidCloudFrontCannedPolicySignature() throws GeneralSecurityException {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var response = function.handle(access(FREE, TestUser.fresh().token()));

        assertEquals(200, response.getStatusCode());
        ContentAccess access = function.read(response.getBody(), ContentAccess.class);
        assertEquals(FREE, access.getContentId());
        URI url = URI.create(access.getUrl());
        assertEquals("https", url.getScheme());
        assertEquals(CDN, url.getHost());
        assertEquals("/video/yoga-basics-01.mp4", url.getPath());
        Map<String, String> query = query(url);
        assertEquals(KEY_PAIR_ID, query.get("Key-Pair-Id"));
        long expires = Long.parseLong(query.get("Expires"));
        assertEquals(access.getExpiresAt().toInstant(), Instant.ofEpochSecond(expires), "expiresAt is the signed expiry");
        assertTrue(expires > before.getEpochSecond(), "expires in the future");
        assertTrue(expires <= Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond(), "expires within 5 minutes");
        assertTrue(validCannedPolicySignature("https://" + CDN + url.getPath(), expires, query.get("Signature")),
            "the signature verifies with the public key");
    }

    @Test
    void signatureDoesNotVerifyForAnotherResourceOrExpiry() throws GeneralSecurityException {
        var response = function.handle(access(FREE, TestUser.fresh().token()));
        URI url = URI.create(function.read(response.getBody(), ContentAccess.class).getUrl());
        Map<String, String> query = query(url);
        long expires = Long.parseLong(query.get("Expires"));

        assertFalse(validCannedPolicySignature("https://" + CDN + "/video/yoga-advanced-01.mp4", expires, query.get("Signature")));
        assertFalse(validCannedPolicySignature("https://" + CDN + url.getPath(), expires + 3600, query.get("Signature")));
    }

    @Test
    void refusesPremiumItemToNonPremiumUserWithForbiddenProblem() {
        var response = function.handle(access(PREMIUM, TestUser.fresh().token()));

        assertEquals(403, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        Map<String, Object> problem = function.readMap(response.getBody());
        assertEquals(403, ((Number) problem.get("status")).intValue());
        assertEquals("This content needs a premium membership.", problem.get("detail"));
        assertFalse(response.getBody().contains("https://"), "no URL leaks");
    }

    @Test
    void signsPremiumItemForMemberOfPremiumGroup() {
        LocalIdentityProvider idp = LocalIdentityProvider.shared();
        String token = idp.sign(idp.accessClaims("user-" + UUID.randomUUID(), Duration.ofHours(1))
            .claim("cognito:groups", List.of("readers", "premium")).build());

        var response = function.handle(access(PREMIUM, token));

        assertEquals(200, response.getStatusCode());
        assertEquals(PREMIUM, function.read(response.getBody(), ContentAccess.class).getContentId());
    }

    @Test
    void refusesPremiumItemToMemberOfOtherGroupsOnly() {
        LocalIdentityProvider idp = LocalIdentityProvider.shared();
        String token = idp.sign(idp.accessClaims("user-" + UUID.randomUUID(), Duration.ofHours(1))
            .claim("cognito:groups", List.of("premium-trial", "admins")).build());

        assertEquals(403, function.handle(access(PREMIUM, token)).getStatusCode());
    }

    @Test
    void signsPremiumItemForUserWithActiveSubscription() {
        TestUser user = TestUser.fresh();
        subscribe(user.sub(), PremiumSubscriptionRow.ACTIVE, Instant.now().plus(Duration.ofDays(30)));

        var response = function.handle(access(PREMIUM, user.token()));

        assertEquals(200, response.getStatusCode());
    }

    @Test
    void refusesPremiumItemWhenSubscriptionExpiredOrCancelled() {
        TestUser expired = TestUser.fresh();
        subscribe(expired.sub(), PremiumSubscriptionRow.ACTIVE, Instant.now().minus(Duration.ofMinutes(1)));
        TestUser cancelled = TestUser.fresh();
        subscribe(cancelled.sub(), "cancelled", Instant.now().plus(Duration.ofDays(30)));

        assertEquals(403, function.handle(access(PREMIUM, expired.token())).getStatusCode());
        assertEquals(403, function.handle(access(PREMIUM, cancelled.token())).getStatusCode());
    }

    @Test
    void anotherUsersSubscriptionDoesNotMakeCallerPremium() {
        subscribe(TestUser.fresh().sub(), PremiumSubscriptionRow.ACTIVE, Instant.now().plus(Duration.ofDays(30)));

        assertEquals(403, function.handle(access(PREMIUM, TestUser.fresh().token())).getStatusCode());
    }

    @Test
    void answersNotFoundForUnknownItem() {
        var response = function.handle(access("no-such-item", TestUser.fresh().token()));

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void rejectsRequestWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/content/" + FREE + "/access").build());

        assertEquals(401, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void shorterConfiguredTtlShortensExpiry() {
        try (LocalFunction shortLived = LocalFunction.start(contentProperties(Map.of("content.url-ttl", "PT30S")))) {
            var response = shortLived.handle(access(FREE, TestUser.fresh().token()));

            Instant expiresAt = shortLived.read(response.getBody(), ContentAccess.class).getExpiresAt().toInstant();
            assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofSeconds(31))));
        }
    }

    @Test
    void refusesToStartWithTtlAboveFiveMinutes() {
        var failure = assertThrows(RuntimeException.class,
            () -> LocalFunction.start(contentProperties(Map.of("content.url-ttl", "PT6M"))).close());
        assertTrue(messages(failure).contains("content.url-ttl (CONTENT_URL_TTL) must be more than 0 and at most PT5M"));
    }

    @Test
    void refusesToStartWithoutSigningKey() {
        Map<String, Object> properties = contentProperties(Map.of());
        properties.put("content.private-key", "");
        var failure = assertThrows(RuntimeException.class, () -> LocalFunction.start(properties).close());
        assertTrue(messages(failure).contains("Content URLs need a signing key"));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Map<String, Object> contentProperties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(CloudFrontTestKeys.contentProperties());
        properties.putAll(overrides);
        return properties;
    }

    private static void subscribe(String sub, String status, Instant expiresAt) {
        subscriptions.save(new PremiumSubscriptionRow(UUID.randomUUID().toString(), sub, status,
            expiresAt.truncatedTo(ChronoUnit.MILLIS), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent access(String id, String token) {
        return ApiGatewayEvents.request("GET", "/content/" + id + "/access").bearer(token).build();
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> values = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /**
     * CloudFront's check of a canned-policy URL: RSA-SHA1 over the policy JSON it rebuilds from the resource and
     * Expires, the signature in CloudFront's URL-safe base64 ('+' as '-', '=' as '_', '/' as '~').
     */
    private static boolean validCannedPolicySignature(String resource, long expires, String signature)
        throws GeneralSecurityException {
        String policy = "{\"Statement\":[{\"Resource\":\"" + resource
            + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        byte[] bytes = Base64.getDecoder().decode(signature.replace('-', '+').replace('_', '=').replace('~', '/'));
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(CloudFrontTestKeys.publicKey());
        verifier.update(policy.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(bytes);
    }
}
