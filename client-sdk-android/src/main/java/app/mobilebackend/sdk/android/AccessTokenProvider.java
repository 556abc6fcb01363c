package app.mobilebackend.sdk.android;

/**
 * Where the SDK gets the Cognito access token it sends as {@code Authorization: Bearer}. Both methods are called on
 * the thread that makes the call (OkHttp's, never the main thread when the app uses the async methods or a
 * background thread), so they may block on a network refresh.
 */
public interface AccessTokenProvider {

    /** The access token to send now; null sends none (a call that needs one then answers 401). */
    String accessToken();

    /**
     * The API refused {@code refused} (401): return a new token, e.g. from Cognito's refresh token, and the call is
     * sent once more with it; return null (the default) to give up and let the 401 reach the app (sign in again).
     * Several calls may be refused at once: an implementation refreshes once and hands the others the new token.
     */
    default String refreshAccessToken(String refused) {
        return null;
    }
}
