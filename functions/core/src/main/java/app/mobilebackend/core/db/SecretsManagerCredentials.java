package app.mobilebackend.core.db;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code db.auth=secrets-manager}: user name and password from the Secrets Manager secret {@code db.secret-id}, in
 * the JSON RDS writes ({@code {"username":"...","password":"...",...}}). Fetched when a connection is opened and
 * kept for {@code db.secret-cache-ttl} (5 minutes), so a rotated password is picked up without a restart; a refused
 * login drops it at once. No AWS call is made before the first connection.
 *
 * <p>The endpoint can be changed with the SDK's own {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} (LocalStack, tests).
 */
@Singleton
@Requires(property = DatabaseAuthMode.PROPERTY, value = DatabaseAuthMode.SECRETS_MANAGER)
@Requires(classes = SecretsManagerClient.class)
final class SecretsManagerCredentials implements DatabaseCredentials, AutoCloseable {

    // The fetch runs while the pool waits for a connection (datasources.default.connection-timeout, 5 s).
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration cacheTtl;
    private final Clock clock;
    private final JsonMapper json;
    private Credentials cached;
    private Instant fetchedAt;

    @Inject
    SecretsManagerCredentials(@Nullable @Property(name = "db.secret-id") String secretId,
                              @Value("${db.secret-cache-ttl:5m}") Duration cacheTtl,
                              @Nullable @Property(name = "db.region") String region,
                              Clock clock,
                              JsonMapper json) {
        // The secret id is checked first: no client is built for a configuration that cannot work.
        this(requireSecretId(secretId), client(region), cacheTtl, clock, json);
    }

    SecretsManagerCredentials(String secretId, SecretsManagerClient client, Duration cacheTtl, Clock clock,
                              JsonMapper json) {
        this.secretId = requireSecretId(secretId);
        this.client = client;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        this.json = json;
    }

    private static String requireSecretId(@Nullable String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new ConfigurationException("db.auth=secrets-manager needs db.secret-id (DB_SECRET_ID)");
        }
        return secretId;
    }

    private static SecretsManagerClient client(@Nullable String region) {
        // Building the client reads configuration only; the first request is made by current().
        return SecretsManagerClient.builder()
            .region(AwsRegions.resolve(region))
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT))
            .build();
    }

    @Override
    public synchronized Credentials current() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(fetchedAt.plus(cacheTtl))) {
            cached = fetch();
            fetchedAt = now;
        }
        return cached;
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }

    private Credentials fetch() {
        GetSecretValueResponse response = client.getSecretValue(request -> request.secretId(secretId));
        String secret = response.secretString();
        if (secret == null) {
            throw new IllegalStateException("Secret " + secretId + " has no SecretString (a binary secret?)");
        }
        // No exception below carries the secret or the parser's message, which quotes the text it failed on.
        JsonNode root;
        try {
            root = json.readValue(secret, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Secret " + secretId + " is not JSON like {\"username\":...,\"password\":...}");
        }
        return new Credentials(field(root, "username"), field(root, "password"));
    }

    private String field(JsonNode root, String name) {
        JsonNode value = root == null || !root.isObject() ? null : root.get(name);
        if (value == null || !value.isString() || value.getStringValue().isEmpty()) {
            throw new IllegalStateException("Secret " + secretId + " has no \"" + name + "\" string");
        }
        return value.getStringValue();
    }

    @PreDestroy
    @Override
    public void close() {
        client.close();
    }
}
