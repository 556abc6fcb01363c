package app.mobilebackend.functions.migrate;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The password of the app database user, from its secret (the JSON RDS secrets hold: {@code username},
 * {@code password}). The client is built on first use: a plain migration run reads no secret. With
 * {@code aws.secretsmanager.endpoint} set (tests: a loopback stand-in) it talks there, with dummy credentials.
 */
@Singleton
final class AppSecret implements AutoCloseable {

    private final String endpoint;
    private final JsonMapper json;
    private SecretsManagerClient client;

    AppSecret(@Nullable @Property(name = "aws.secretsmanager.endpoint") String endpoint, JsonMapper json) {
        this.endpoint = endpoint;
        this.json = json;
    }

    /** The password in the secret {@code secretId} (its ARN or name). */
    String password(String secretId) throws IOException {
        String secret = client().getSecretValue(b -> b.secretId(secretId)).secretString();
        JsonNode password = secret == null ? null : json.readValue(secret, JsonNode.class).get("password");
        if (password == null || !password.isString() || password.getStringValue().isEmpty()) {
            throw new IOException("the secret " + secretId + " holds no password");
        }
        return password.getStringValue();
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(5)));
            if (endpoint == null || endpoint.isBlank()) {
                client = builder.region(new DefaultAwsRegionProviderChain().getRegion()).build();
            } else {
                client = builder.endpointOverride(URI.create(endpoint))
                    .region(regionOr(Region.US_EAST_1))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
            }
        }
        return client;
    }

    private static Region regionOr(Region fallback) {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return fallback;
        }
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
