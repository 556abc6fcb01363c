package app.mobilebackend.core.db;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.reflect.ClassUtils;

import java.util.Set;

/** The {@code db.auth} values; fails the start on any other value rather than silently using passwords. */
@Context
@Requires(property = DatabaseAuthMode.PROPERTY)
final class DatabaseAuthMode {

    static final String PROPERTY = "db.auth";
    static final String PASSWORD = "password";
    static final String IAM = "iam";
    static final String SECRETS_MANAGER = "secrets-manager";

    /** Optional in functions-core: only a function deployed with secrets-manager carries it. */
    private static final String SECRETS_MANAGER_CLIENT = "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient";

    private static final Set<String> MODES = Set.of(PASSWORD, IAM, SECRETS_MANAGER);

    DatabaseAuthMode(@Property(name = PROPERTY) String mode) {
        // The mode beans match their value exactly: "IAM" or "secretsmanager" would otherwise mean "password".
        if (!MODES.contains(mode)) {
            throw new ConfigurationException(
                PROPERTY + " (DB_AUTH) must be one of password, iam, secrets-manager; was: " + mode);
        }
        if (SECRETS_MANAGER.equals(mode) && !ClassUtils.isPresent(SECRETS_MANAGER_CLIENT, DatabaseAuthMode.class.getClassLoader())) {
            throw new ConfigurationException(PROPERTY + " (DB_AUTH) is secrets-manager, but this function's jar has no "
                + "Secrets Manager client: declare software.amazon.awssdk:secretsmanager in the function's pom");
        }
    }
}
