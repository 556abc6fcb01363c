package app.mobilebackend.sdk.kotlin

/**
 * Where the SDK gets the Cognito access token it sends as `Authorization: Bearer`. OkHttp calls both methods on its
 * own threads (the suspend functions run their calls there), never on the main thread, so they may block on a
 * network refresh.
 */
fun interface AccessTokenProvider {

    /** The access token to send now; null sends none (a call that needs one then answers 401). */
    fun accessToken(): String?

    /**
     * The API refused [refused] (401): return a new token, e.g. from Cognito's refresh token, and the call is sent
     * once more with it; return null (the default) to let the 401 reach the app (sign in again). Several calls may be
     * refused at once: an implementation refreshes once and hands the others the new token.
     */
    fun refreshAccessToken(refused: String): String? = null
}
