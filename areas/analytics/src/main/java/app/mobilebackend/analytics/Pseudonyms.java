package app.mobilebackend.analytics;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The pseudonymous id events carry instead of the user's Cognito {@code sub}: HMAC-SHA256 of the sub under the
 * configured key, base64url (43 characters). The same user always gets the same id (daily active users can be
 * counted, a user's events stay on one shard), but the id cannot be turned back into the sub, nor matched to
 * it, without the key; rotating the key cuts every stored event loose from its user.
 */
@Singleton
public final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Pseudonyms(AnalyticsConfiguration configuration) {
        String secret = configuration.pseudonymKey();
        // Checked when an id is made, not here: Lambda builds singletons at start-up, and a start must not fail.
        this.key = secret == null || secret.isBlank() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The pseudonymous id of {@code sub}. */
    public String of(String sub) {
        if (key == null) {
            throw new IllegalStateException("analytics.pseudonym-key (ANALYTICS_PSEUDONYM_KEY) is not configured");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sub.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
