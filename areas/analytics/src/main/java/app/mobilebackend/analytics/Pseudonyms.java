package app.mobilebackend.analytics;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

/**
 * The pseudonymous id events carry instead of the user's Cognito {@code sub}: HMAC-SHA256 of the sub under the
 * pseudonym key, base64url (43 characters). The same user always gets the same id (daily active users can be
 * counted, a user's events stay on one shard), but the id cannot be turned back into the sub, nor matched to it,
 * without the key; a new key cuts every stored event loose from its user. The key is read once, when the function
 * starts: from Secrets Manager when {@code analytics.pseudonym-key-secret-arn} is set, else {@code analytics.pseudonym-key}.
 */
@Singleton
@Requires(classes = SecretsManagerClient.class)
public final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Pseudonyms(AnalyticsConfiguration configuration) {
        String secret = present(configuration.pseudonymKeySecretArn()) ? secret(configuration.pseudonymKeySecretArn().strip())
            : configuration.pseudonymKey();
        // Without a key the start still succeeds (a jar started outside AWS); making an id then fails.
        this.key = present(secret) ? new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM) : null;
    }

    /** The pseudonymous id of {@code sub}. */
    public String of(String sub) {
        if (key == null) {
            throw new IllegalStateException("No pseudonym key: analytics.pseudonym-key-secret-arn "
                + "(ANALYTICS_PSEUDONYM_KEY_SECRET_ARN) or analytics.pseudonym-key (ANALYTICS_PSEUDONYM_KEY)");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sub.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String secret(String secretArn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
            .region(new DefaultAwsRegionProviderChain().getRegion())
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(3)))
            .build()) {
            String value = client.getSecretValue(request -> request.secretId(secretArn)).secretString();
            if (!present(value)) {
                throw new IllegalStateException("Secret " + secretArn + " has no SecretString");
            }
            return value;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
