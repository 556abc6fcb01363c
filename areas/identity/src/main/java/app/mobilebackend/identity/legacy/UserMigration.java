package app.mobilebackend.identity.legacy;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Moves a user from the legacy system into the Cognito user pool on first use: what Cognito should create them with.
 * The answers are Cognito user attributes; Cognito refuses the migration when this throws.
 */
@Singleton
@Requires(bean = LegacyAuthClient.class)
public final class UserMigration {

    /** Cognito takes phone numbers in E.164 only; another form would fail the whole migration. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final LegacyAuthClient legacy;

    UserMigration(LegacyAuthClient legacy) {
        this.legacy = legacy;
    }

    /** Attributes of {@code username} if the legacy system accepts {@code password}. */
    public Map<String, String> signIn(String username, String password) {
        return attributes(legacy.login(username, password));
    }

    /** Attributes of {@code username} for a forgotten password: the user must exist and have an email for the code. */
    public Map<String, String> forgotPassword(String username) {
        return attributes(legacy.find(username));
    }

    private static Map<String, String> attributes(LegacyUser user) {
        if (user.email() == null || !EMAIL.matcher(user.email()).matches()) {
            throw new LegacyAuthException(LegacyAuthException.Reason.UNKNOWN_USER, "User does not exist");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("email", user.email());
        // The legacy system confirmed this address; Cognito must not ask again, and needs it verified to send reset codes.
        attributes.put("email_verified", "true");
        putIfPresent(attributes, "name", user.name());
        putIfPresent(attributes, "given_name", user.givenName());
        putIfPresent(attributes, "family_name", user.familyName());
        putIfPresent(attributes, "locale", user.locale());
        if (user.phoneNumber() != null && E164.matcher(user.phoneNumber()).matches()) {
            attributes.put("phone_number", user.phoneNumber());
        }
        return attributes;
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, value);
        }
    }
}
