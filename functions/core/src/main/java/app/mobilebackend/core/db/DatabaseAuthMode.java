package app.mobilebackend.core.db;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Set;

/** The {@code db.auth} values; fails the start on any other value rather than silently using passwords. */
@Context
@Requires(property = DatabaseAuthMode.PROPERTY)
final class DatabaseAuthMode {

    static final String PROPERTY = "db.auth";
    static final String PASSWORD = "password";
    static final String IAM = "iam";
    static final String SECRETS_MANAGER = "secrets-manager";

    private static final Set<String> MODES = Set.of(PASSWORD, IAM, SECRETS_MANAGER);

    DatabaseAuthMode(@Property(name = PROPERTY) String mode) {
        // The mode beans match their value exactly: "IAM" or "secretsmanager" would otherwise mean "password".
        if (!MODES.contains(mode)) {
            throw new ConfigurationException(
                PROPERTY + " (DB_AUTH) must be one of password, iam, secrets-manager; was: " + mode);
        }
    }
}
