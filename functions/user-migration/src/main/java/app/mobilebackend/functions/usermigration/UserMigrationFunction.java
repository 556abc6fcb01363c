package app.mobilebackend.functions.usermigration;

import app.mobilebackend.core.lambda.TriggerContexts;
import app.mobilebackend.identity.legacy.UserMigration;
import app.mobilebackend.identity.peer.PeerPoolMigration;
import app.mobilebackend.identity.peer.PeerPoolMigration.Outcome;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolMigrateUserEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The Cognito "migrate user" trigger. When someone unknown to the pool signs in with a password
 * ({@code UserMigration_Authentication}; the app client needs {@code ALLOW_USER_PASSWORD_AUTH}) or asks to reset a
 * forgotten password ({@code UserMigration_ForgotPassword}), it asks the other region's user pool first (a user who
 * signed up there: {@link PeerPoolMigration}, which keeps their key in {@code custom:uid}), then the legacy system,
 * and, if one knows them, answers their attributes: Cognito creates the user confirmed, without a welcome message.
 * Either source may be absent (not configured). To refuse, it throws, as Cognito expects; the message says only
 * "Bad password", "User does not exist" or that a sign-in it needs is unavailable.
 */
public class UserMigrationFunction extends MicronautRequestHandler<CognitoUserPoolMigrateUserEvent, CognitoUserPoolMigrateUserEvent> {

    static final String AUTHENTICATION = "UserMigration_Authentication";
    static final String FORGOT_PASSWORD = "UserMigration_ForgotPassword";

    /** Why a migration was refused; the message is what Cognito shows the app. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    @Nullable
    PeerPoolMigration peerPool;

    @Inject
    @Nullable
    UserMigration legacy;

    /** As the Lambda runtime builds it. */
    public UserMigrationFunction() {
    }

    /** No connection pool: the trigger talks to the other pool and the legacy system alone. */
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
                String password = event.getRequest().getPassword();
                attributes = fromPeerThenLegacy(() -> peerPool.signIn(username, password), () -> legacy.signIn(username, password));
                response.setFinalUserStatus("CONFIRMED");
            }
            case FORGOT_PASSWORD -> attributes = fromPeerThenLegacy(() -> peerPool.find(username), () -> legacy.forgotPassword(username));
            default -> throw new IllegalArgumentException("Not a user migration trigger: " + event.getTriggerSource());
        }
        response.setUserAttributes(attributes);
        response.setMessageAction("SUPPRESS");
        event.setResponse(response);
        return event;
    }

    /**
     * The other pool's answer if it knows the user; else the legacy system's (which throws its own refusals). A
     * wrong password there is final: the same email in the legacy system is the same person, already moved.
     */
    private Map<String, String> fromPeerThenLegacy(Supplier<Outcome> peer, Supplier<Map<String, String>> fromLegacy) {
        Outcome outcome = peerPool == null ? new Outcome.Unknown() : peer.get();
        return switch (outcome) {
            case Outcome.Found found -> found.attributes();
            case Outcome.WrongPassword wrong -> throw new Refused("Bad password");
            case Outcome.Unknown unknown when legacy != null -> fromLegacy.get();
            case Outcome.Unknown unknown -> throw new Refused("User does not exist");
            case Outcome.Unavailable unavailable -> throw new Refused("The other region's sign-in is unavailable; try again later");
        };
    }
}
