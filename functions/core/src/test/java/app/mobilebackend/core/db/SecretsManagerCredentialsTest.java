package app.mobilebackend.core.db;

import app.mobilebackend.localstack.aws.SecretsManagerStandIn;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsManagerCredentialsTest {

    private static final String SECRET_ID = "prod/db";
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final SecretsManagerStandIn standIn = new SecretsManagerStandIn();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final SecretsManagerClient client = SecretsManagerClient.builder()
        .endpointOverride(standIn.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(http)
        .build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final SecretsManagerCredentials credentials =
        new SecretsManagerCredentials(SECRET_ID, client, TTL, clock, JSON);

    @AfterEach
    void close() {
        credentials.close();
        http.close();
        standIn.close();
    }

    @Test
    void readsUserAndPasswordFromTheRdsSecret() throws IOException {
        standIn.secretString("{\"username\":\"app\",\"password\":\"s3cret\",\"engine\":\"mysql\",\"port\":3306}");

        Credentials login = credentials.current();

        assertEquals("app", login.username());
        assertEquals("s3cret", login.password());
        assertEquals(1, standIn.requests().size());
        var request = standIn.requests().getFirst();
        assertEquals("POST", request.method());
        assertEquals("secretsmanager.GetSecretValue", request.target());
        assertTrue(request.contentType().startsWith("application/x-amz-json-1.1"), request.contentType());
        assertTrue(request.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), request.authorization());
        assertTrue(request.authorization().contains("/us-east-1/secretsmanager/aws4_request"), request.authorization());
        Map<?, ?> body = JSON.readValue(request.body(), Map.class);
        assertEquals(Map.of("SecretId", SECRET_ID), body);
    }

    @Test
    void cachesForTheTtlThenFetchesAgain() {
        standIn.secretString("{\"username\":\"app\",\"password\":\"first\"}");
        assertEquals("first", credentials.current().password());

        standIn.secretString("{\"username\":\"app\",\"password\":\"rotated\"}");
        clock.advance(TTL.minusSeconds(1));
        assertEquals("first", credentials.current().password(), "still cached");
        assertEquals(1, standIn.requests().size());

        clock.advance(Duration.ofSeconds(1));
        assertEquals("rotated", credentials.current().password(), "cache expired");
        assertEquals(2, standIn.requests().size());
    }

    @Test
    void invalidateFetchesAgainAtOnce() {
        standIn.secretString("{\"username\":\"app\",\"password\":\"first\"}");
        credentials.current();
        standIn.secretString("{\"username\":\"app\",\"password\":\"rotated\"}");

        credentials.invalidate();

        assertEquals("rotated", credentials.current().password());
        assertEquals(2, standIn.requests().size());
    }

    @Test
    void secretWithoutPasswordIsAClearErrorWithoutTheSecret() {
        standIn.secretString("{\"username\":\"app-user-7\",\"pasword\":\"hunter2-typo\"}");

        var e = assertThrows(IllegalStateException.class, credentials::current);

        assertEquals("Secret prod/db has no \"password\" string", e.getMessage());
        assertSecretNotIn(e, "hunter2-typo", "app-user-7");
    }

    @Test
    void secretThatIsNotJsonIsAClearErrorWithoutTheSecret() {
        standIn.secretString("hunter2-plain-text");

        var e = assertThrows(IllegalStateException.class, credentials::current);

        assertTrue(e.getMessage().startsWith("Secret prod/db is not JSON"), e.getMessage());
        assertSecretNotIn(e, "hunter2");
    }

    @Test
    void failedFetchIsNotCached() {
        standIn.error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        assertThrows(ResourceNotFoundException.class, credentials::current);

        standIn.secretString("{\"username\":\"app\",\"password\":\"s3cret\"}");
        assertEquals("s3cret", credentials.current().password());
        assertEquals(2, standIn.requests().size());
    }

    @Test
    void secretIdIsRequired() {
        var e = assertThrows(ConfigurationException.class,
            () -> new SecretsManagerCredentials(" ", client, TTL, clock, JSON));
        assertTrue(e.getMessage().contains("DB_SECRET_ID"), e.getMessage());
    }

    private static void assertSecretNotIn(Throwable error, String... secrets) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in: " + t);
            }
        }
    }
}
