package app.mobilebackend.sdk;

/**
 * Where the SDK gets the Cognito access token it sends as {@code Authorization: Bearer}. It is asked before every
 * call, so an implementation that refreshes a token about to expire (as the Cognito and Amplify SDKs do) keeps the
 * app signed in without the SDK knowing how.
 */
@FunctionalInterface
public interface AccessTokenProvider {

    /** The access token to send now; null sends none (a call that needs one then answers 401). */
    String accessToken();
}
