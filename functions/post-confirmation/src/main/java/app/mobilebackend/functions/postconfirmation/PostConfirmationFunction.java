package app.mobilebackend.functions.postconfirmation;

import app.mobilebackend.core.lambda.TriggerContexts;
import app.mobilebackend.identity.profiles.ProfileService;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The Cognito "post confirmation" trigger. When a user confirms sign-up ({@code PostConfirmation_ConfirmSignUp}) it
 * creates their profile and requests their welcome mail (an outbox event, which {@link WelcomeMailFunction} sends
 * from outside the VPC), once each however often Cognito retries; when they confirm a forgotten password it does
 * nothing. It answers the event unchanged. If the database fails, it fails, so Cognito's retry does it again.
 */
public class PostConfirmationFunction
    extends MicronautRequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {

    static final String CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp";

    @Inject
    ProfileService profiles;

    /** As the Lambda runtime builds it. */
    public PostConfirmationFunction() {
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return TriggerContexts.withDatabase();
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent execute(CognitoUserPoolPostConfirmationEvent event) {
        if (CONFIRM_SIGN_UP.equals(event.getTriggerSource())) {
            Map<String, String> attributes = event.getRequest().getUserAttributes();
            String sub = attributes == null ? null : attributes.get("sub");
            if (sub == null || sub.isBlank()) {
                throw new IllegalArgumentException("The confirmed user has no sub attribute");
            }
            profiles.signUpConfirmed(sub, attributes.get("email"));
        }
        return event;
    }
}
