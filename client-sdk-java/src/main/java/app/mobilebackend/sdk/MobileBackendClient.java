package app.mobilebackend.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The SDK's client: the generated {@link ApiClient} with what the generator leaves out. A call gives up after
 * {@link #DEFAULT_CONNECT_TIMEOUT} to connect and {@link #DEFAULT_READ_TIMEOUT} to answer (the generator's waits
 * forever), says which SDK sent it ({@link #USER_AGENT}), and carries the token its {@link AccessTokenProvider}
 * gives at that moment. Pass it to any generated API class: {@code new TodosApi(new MobileBackendClient(url, tokens))}.
 */
public class MobileBackendClient extends ApiClient {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final String USER_AGENT = "mobile-backend-sdk-java/" + sdkVersion();

    private final Consumer<HttpRequest.Builder> ownHeaders;

    /** A client of the API at {@code baseUrl} (e.g. {@code https://api.example.com/v1}) sending {@code tokens}' token. */
    public MobileBackendClient(String baseUrl, AccessTokenProvider tokens) {
        Objects.requireNonNull(tokens, "tokens");
        updateBaseUri(Objects.requireNonNull(baseUrl, "baseUrl"));
        setConnectTimeout(DEFAULT_CONNECT_TIMEOUT);
        setReadTimeout(DEFAULT_READ_TIMEOUT);
        ownHeaders = request -> {
            request.setHeader("User-Agent", USER_AGENT);
            String token = tokens.accessToken();
            if (token != null) {
                request.setHeader("Authorization", "Bearer " + token);
            }
        };
        super.setRequestInterceptor(ownHeaders);
    }

    /** A client that sends no token: for the operations that need none (health, the legacy sign-in). */
    public static MobileBackendClient anonymous(String baseUrl) {
        return new MobileBackendClient(baseUrl, () -> null);
    }

    /** Adds the app's interceptor after the SDK's own headers, instead of replacing them. */
    @Override
    public ApiClient setRequestInterceptor(Consumer<HttpRequest.Builder> interceptor) {
        return super.setRequestInterceptor(interceptor == null ? ownHeaders : ownHeaders.andThen(interceptor));
    }

    private static String sdkVersion() {
        Properties properties = new Properties();
        try (InputStream in = MobileBackendClient.class.getResourceAsStream("sdk.properties")) {
            properties.load(Objects.requireNonNull(in, "sdk.properties is missing from the SDK jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
