package app.mobilebackend.identity.legacy;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The legacy system's login API at {@code legacy-auth.url} ({@code LEGACY_AUTH_URL}, a base URL), as this client
 * assumes it:
 * <ul>
 *   <li>{@code POST <url>/login} with {@code {"username":"...","password":"..."}}: 200 and the user
 *       ({@link LegacyUser} as JSON) when the password is right, 401 or 403 when it is wrong, 404 for no such user;</li>
 *   <li>{@code GET <url>/users/<username>}: 200 and the user, 404 for no such user.</li>
 * </ul>
 * Anything else (5xx, no answer within the timeouts, unreadable JSON) is "unavailable". The timeouts keep the whole
 * trigger well inside the 5 seconds Cognito waits for it. Passwords are never logged.
 */
@Singleton
@Requires(property = LegacyAuthClient.URL_PROPERTY)
public final class LegacyAuthClient {

    /** Set only on the user-migration function: other functions (eagerly started) never build this client. */
    static final String URL_PROPERTY = "legacy-auth.url";

    private static final Logger LOG = LoggerFactory.getLogger(LegacyAuthClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(2500);

    private final URI base;
    private final JsonMapper json;
    private final HttpClient http;

    LegacyAuthClient(@Value("${legacy-auth.url}") String url, JsonMapper json) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The user {@code username} signs in as with {@code password}. */
    public LegacyUser login(String username, String password) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("username", username);
        credentials.put("password", password);
        byte[] body;
        try {
            body = json.writeValueAsBytes(credentials);
        } catch (IOException e) {
            throw unavailable("could not write the login request");
        }
        return send(HttpRequest.newBuilder(base.resolve("login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The user {@code username}, looked up without a password (for a forgotten password). */
    public LegacyUser find(String username) {
        String path = "users/" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private LegacyUser send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new LegacyAuthException(LegacyAuthException.Reason.WRONG_PASSWORD, "Bad password");
        }
        if (status == 404) {
            throw new LegacyAuthException(LegacyAuthException.Reason.UNKNOWN_USER, "User does not exist");
        }
        if (status != 200) {
            throw unavailable("HTTP " + status);
        }
        try {
            LegacyUser user = json.readValue(response.body(), LegacyUser.class);
            if (user == null) {
                throw unavailable("an empty answer");
            }
            return user;
        } catch (IOException e) {
            throw unavailable("an unreadable answer");
        }
    }

    private static LegacyAuthException unavailable(String why) {
        LOG.warn("The legacy login API failed: {}", why);
        return new LegacyAuthException(LegacyAuthException.Reason.UNAVAILABLE, "The legacy sign-in is unavailable; try again later");
    }
}
