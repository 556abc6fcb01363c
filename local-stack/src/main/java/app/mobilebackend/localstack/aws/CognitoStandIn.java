package app.mobilebackend.localstack.aws;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Cognito user pool's admin API on loopback, at the protocol level (AWS JSON 1.1, target prefix
 * {@code AWSCognitoIdentityProviderService}), for the real AWS SDK v2 client: {@code AdminInitiateAuth} with
 * {@code ADMIN_USER_PASSWORD_AUTH} (tokens for the right password, {@code NotAuthorizedException} for a wrong one,
 * {@code UserNotFoundException} for an unknown user) and {@code AdminGetUser}. It stands in for the other region's
 * pool in the tests of identity across regions; {@link #down(boolean)} makes that region fail (HTTP 503).
 */
public final class CognitoStandIn implements AutoCloseable {

    /** One request as the SDK sent it. */
    public record Request(String target, String body) {
    }

    private record User(String password, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final String userPoolId;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public CognitoStandIn(String userPoolId) {
        this.userPoolId = userPoolId;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Adds a confirmed user signed in by {@code email}; {@code attributes} are theirs (sub, email, custom:uid…). */
    public CognitoStandIn addUser(String email, String password, Map<String, String> attributes) {
        users.put(email.toLowerCase(java.util.Locale.ROOT), new User(password, Map.copyOf(attributes)));
        return this;
    }

    /** Whether the pool's region is down: every call answers 503. */
    public CognitoStandIn down(boolean down) {
        this.down = down;
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(target, body));
        if (down) {
            AwsJson.answer(exchange, 503, AwsJson.error("ServiceUnavailableException", "Service unavailable"));
            return;
        }
        try {
            Map<String, Object> request = JSONObjectUtils.parse(body);
            if (!userPoolId.equals(request.get("UserPoolId"))) {
                AwsJson.answer(exchange, 400, AwsJson.error("ResourceNotFoundException", "User pool " + request.get("UserPoolId") + " does not exist."));
                return;
            }
            switch (String.valueOf(target)) {
                case "AWSCognitoIdentityProviderService.AdminInitiateAuth" -> initiateAuth(exchange, request);
                case "AWSCognitoIdentityProviderService.AdminGetUser" -> getUser(exchange, request);
                default -> AwsJson.answer(exchange, 400, AwsJson.error("UnknownOperationException", "Not served here: " + target));
            }
        } catch (ParseException e) {
            AwsJson.answer(exchange, 400, AwsJson.error("SerializationException", e.getMessage()));
        }
    }

    private void initiateAuth(HttpExchange exchange, Map<String, Object> request) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) request.getOrDefault("AuthParameters", Map.of());
        if (!"ADMIN_USER_PASSWORD_AUTH".equals(request.get("AuthFlow"))) {
            AwsJson.answer(exchange, 400, AwsJson.error("InvalidParameterException", "Unsupported flow"));
            return;
        }
        User user = users.get(String.valueOf(parameters.get("USERNAME")).toLowerCase(java.util.Locale.ROOT));
        if (user == null) {
            AwsJson.answer(exchange, 400, AwsJson.error("UserNotFoundException", "User does not exist."));
        } else if (!user.password().equals(parameters.get("PASSWORD"))) {
            AwsJson.answer(exchange, 400, AwsJson.error("NotAuthorizedException", "Incorrect username or password."));
        } else {
            AwsJson.answer(exchange, 200, Map.of("ChallengeParameters", Map.of(), "AuthenticationResult", Map.of(
                "AccessToken", "access", "IdToken", "id", "RefreshToken", "refresh", "ExpiresIn", 3600, "TokenType", "Bearer")));
        }
    }

    private void getUser(HttpExchange exchange, Map<String, Object> request) throws IOException {
        User user = users.get(String.valueOf(request.get("Username")).toLowerCase(java.util.Locale.ROOT));
        if (user == null) {
            AwsJson.answer(exchange, 400, AwsJson.error("UserNotFoundException", "User does not exist."));
            return;
        }
        List<Map<String, String>> attributes = new ArrayList<>();
        user.attributes().forEach((name, value) -> attributes.add(Map.of("Name", name, "Value", value)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Username", user.attributes().getOrDefault("sub", String.valueOf(request.get("Username"))));
        answer.put("UserAttributes", attributes);
        answer.put("UserStatus", "CONFIRMED");
        answer.put("Enabled", true);
        AwsJson.answer(exchange, 200, answer);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
