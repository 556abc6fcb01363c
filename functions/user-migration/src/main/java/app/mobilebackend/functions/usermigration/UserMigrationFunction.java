package app.mobilebackend.functions.usermigration;

import app.mobilebackend.core.lambda.TriggerContexts;
import app.mobilebackend.identity.legacy.UserMigration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolMigrateUserEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The Cognito "migrate user" trigger. When someone unknown to the pool signs in with a password
 * ({@code UserMigration_Authentication}; the app client needs {@code ALLOW_USER_PASSWORD_AUTH}) or asks to reset a
 * forgotten password ({@code UserMigration_ForgotPassword}), it asks the legacy system and, if it knows them, answers
 * their attributes: Cognito creates the user confirmed, without a welcome message. To refuse, it throws, as Cognito
 * expects; the message says only "Bad password", "User does not exist" or that the legacy sign-in is unavailable.
 */
public class UserMigrationFunction extends MicronautRequestHandler<CognitoUserPoolMigrateUserEvent, CognitoUserPoolMigrateUserEvent> {

    static final String AUTHENTICATION = "UserMigration_Authentication";
    static final String FORGOT_PASSWORD = "UserMigration_ForgotPassword";

    @Inject
    UserMigration migration;

    /** As the Lambda runtime builds it. */
    public UserMigrationFunction() {
    }

    /** No connection pool: the trigger talks to the legacy system alone. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return TriggerContexts.withoutDatabase();
    }

    @Override
    public CognitoUserPoolMigrateUserEvent execute(CognitoUserPoolMigrateUserEvent event) {
        String username = event.getUserName();
        var response = event.getResponse() != null ? event.getResponse() : new CognitoUserPoolMigrateUserEvent.Response();
        Map<String, String> attributes;
        switch (event.getTriggerSource()) {
            case AUTHENTICATION -> {
                attributes = migration.signIn(username, event.getRequest().getPassword());
                response.setFinalUserStatus("CONFIRMED");
            }
            case FORGOT_PASSWORD -> attributes = migration.forgotPassword(username);
            default -> throw new IllegalArgumentException("Not a user migration trigger: " + event.getTriggerSource());
        }
        response.setUserAttributes(attributes);
        response.setMessageAction("SUPPRESS");
        event.setResponse(response);
        return event;
    }
}
