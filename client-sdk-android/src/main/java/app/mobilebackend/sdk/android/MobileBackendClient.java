package app.mobilebackend.sdk.android;

import okhttp3.Request;
import okhttp3.Response;

/**
 * The SDK's client: the generated {@link ApiClient} with what the generator leaves out. Every call carries the token
 * its {@link AccessTokenProvider} gives at that moment; a 401 asks the provider for a refreshed token and retries
 * once; {@link #setDebugging} never writes the token to the log. Pass it to any generated API class:
 * {@code new TodosApi(new MobileBackendClient(url, tokens))}. OkHttp's timeouts apply (10 s to connect, read, write).
 */
public class MobileBackendClient extends ApiClient {

    private static final String AUTHORIZATION = "Authorization";

    /** A client of the API at {@code baseUrl} (e.g. {@code https://api.example.com/v1}) sending {@code tokens}' token. */
    public MobileBackendClient(String baseUrl, final AccessTokenProvider tokens) {
        if (baseUrl == null || tokens == null) {
            throw new NullPointerException("baseUrl and tokens are required");
        }
        setBasePath(baseUrl);
        setHttpClient(getHttpClient().newBuilder()
            .addInterceptor(chain -> {
                String token = tokens.accessToken();
                Request request = chain.request();
                return chain.proceed(token == null ? request
                    : request.newBuilder().header(AUTHORIZATION, "Bearer " + token).build());
            })
            // OkHttp calls this on a 401, outside the app's interceptors, on the calling thread.
            .authenticator((route, refused) -> retryWithRefreshedToken(tokens, refused))
            .build());
    }

    /** A client that sends no token: for the operations that need none (health, the legacy sign-in). */
    public static MobileBackendClient anonymous(String baseUrl) {
        return new MobileBackendClient(baseUrl, () -> null);
    }

    /** Logs requests and responses (OkHttp's HttpLoggingInterceptor) with the Authorization header redacted. */
    @Override
    public ApiClient setDebugging(boolean debugging) {
        super.setDebugging(debugging);
        if (loggingInterceptor != null) {
            loggingInterceptor.redactHeader(AUTHORIZATION);
        }
        return this;
    }

    private static Request retryWithRefreshedToken(AccessTokenProvider tokens, Response refused) {
        if (refused.priorResponse() != null) {
            return null; // the refreshed token was refused too: the 401 goes to the app
        }
        String sent = refused.request().header(AUTHORIZATION);
        if (sent == null || !sent.startsWith("Bearer ")) {
            return null;
        }
        String fresh = tokens.refreshAccessToken(sent.substring("Bearer ".length()));
        if (fresh == null) {
            return null;
        }
        return refused.request().newBuilder().header(AUTHORIZATION, "Bearer " + fresh).build();
    }
}
