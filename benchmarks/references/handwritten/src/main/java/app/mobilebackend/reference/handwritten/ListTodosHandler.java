package app.mobilebackend.reference.handwritten;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's floor: {@code GET /todos} (listTodos) written by hand on the Lambda Java interfaces, with no
 * framework. Same work as the {@code todos-list} function: verify the bearer token against the identity provider's
 * JWKS (RS256, issuer, {@code token_use=access}, a known {@code client_id}, a subject, not expired), run the same SQL
 * as {@code TodoRepository.findPage} for one page of the caller's to-dos, answer the spec's {@code TodoPage}.
 *
 * <p>Init (the constructor, run once per Lambda sandbox) reads the configuration, opens one JDBC connection and
 * prepares the query and the token processor. Configuration: system properties {@code db.url}, {@code db.username},
 * {@code db.password}, {@code auth.issuer}, {@code auth.jwks-url}, {@code auth.client-ids} (comma-separated), or the
 * environment variables the functions use ({@code DB_URL}, ..., {@code AUTH_CLIENT_IDS}).
 */
public final class ListTodosHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    /** The query of {@code TodoRepository.findPage}. */
    private static final String PAGE_SQL = """
        SELECT * FROM todo
        WHERE owner_sub = ? AND id > ? AND (? IS NULL OR done = ?)
        ORDER BY id
        LIMIT ?""";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final String dbUrl;
    private final String dbUsername;
    private final String dbPassword;
    private final List<String> clientIds;
    private final ConfigurableJWTProcessor<SecurityContext> tokens;
    private final ObjectMapper json = new ObjectMapper();
    private Connection connection;
    private PreparedStatement page;

    public ListTodosHandler() throws Exception {
        dbUrl = config("db.url", "DB_URL", null);
        dbUsername = config("db.username", "DB_USERNAME", "");
        dbPassword = config("db.password", "DB_PASSWORD", "");
        String issuer = config("auth.issuer", "AUTH_ISSUER", null);
        clientIds = List.of(config("auth.client-ids", "AUTH_CLIENT_IDS", null).split(","));
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(config("auth.jwks-url", "AUTH_JWKS_URL", null)).toURL())
            .retrying(true).build();
        tokens = new DefaultJWTProcessor<>();
        tokens.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        tokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "access").build(),
            Set.of("sub", "exp", "client_id")));
        connect();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (!"GET".equals(event.getHttpMethod()) || !"/todos".equals(event.getPath())) {
            return problem(404, "Not Found", "No such operation.");
        }
        String sub = caller(header(event, "Authorization"));
        if (sub == null) {
            return problem(401, "Unauthorized", "A valid access token is required.")
                .withHeaders(Map.of("Content-Type", "application/problem+json", "WWW-Authenticate", "Bearer"));
        }
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        int limit;
        Boolean done;
        String after;
        try {
            limit = query.get("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(query.get("limit"));
            if (limit < 1 || limit > MAX_LIMIT) {
                return problem(400, "Bad Request", "limit must be between 1 and " + MAX_LIMIT + ".");
            }
            done = bool(query.get("done"));
            after = cursor(query.get("cursor"));
        } catch (IllegalArgumentException e) {
            return problem(400, "Bad Request", e.getMessage());
        }
        try {
            return ok(list(sub, after, done, limit));
        } catch (SQLException e) {
            context.getLogger().log("listTodos failed: " + e);
            reconnectQuietly();
            return problem(503, "Service Unavailable", "The database is unavailable; try again shortly.")
                .withHeaders(Map.of("Content-Type", "application/problem+json", "Retry-After", "5"));
        }
    }

    /** The page as the spec's TodoPage: {@code items}, and {@code nextCursor} when there is more. */
    private Map<String, Object> list(String sub, String after, Boolean done, int limit) throws SQLException {
        page.setString(1, sub);
        page.setString(2, after);
        if (done == null) {
            page.setNull(3, Types.BOOLEAN);
            page.setNull(4, Types.BOOLEAN);
        } else {
            page.setBoolean(3, done);
            page.setBoolean(4, done);
        }
        page.setInt(5, limit + 1);
        List<Map<String, Object>> items = new ArrayList<>();
        String nextCursor = null;
        try (ResultSet rows = page.executeQuery()) {
            while (rows.next()) {
                if (items.size() == limit) {
                    nextCursor = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(((String) items.get(limit - 1).get("id")).getBytes(StandardCharsets.UTF_8));
                    break;
                }
                Map<String, Object> todo = new LinkedHashMap<>();
                todo.put("id", rows.getString("id"));
                todo.put("title", rows.getString("title"));
                putIfPresent(todo, "notes", rows.getString("notes"));
                todo.put("done", rows.getBoolean("done"));
                putIfPresent(todo, "dueAt", time(rows.getTimestamp("due_at")));
                todo.put("createdAt", time(rows.getTimestamp("created_at")));
                todo.put("updatedAt", time(rows.getTimestamp("updated_at")));
                todo.put("version", rows.getLong("version"));
                items.add(todo);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items);
        putIfPresent(result, "nextCursor", nextCursor);
        return result;
    }

    /** The token's subject if it is a valid access token of the trusted pool for one of our clients; else null. */
    private String caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            JWTClaimsSet claims = tokens.process(authorization.substring(7).trim(), null);
            String sub = claims.getSubject();
            return clientIds.contains(claims.getStringClaim("client_id")) && sub != null && !sub.isBlank() ? sub : null;
        } catch (Exception e) { // malformed, badly signed, expired, wrong claims: all the same 401
            return null;
        }
    }

    private void connect() throws SQLException {
        connection = DriverManager.getConnection(dbUrl, dbUsername, dbPassword);
        page = connection.prepareStatement(PAGE_SQL);
    }

    /** A new connection for the next event (the old one may have died while the sandbox was frozen). */
    private void reconnectQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already gone
        }
        try {
            connect();
        } catch (SQLException ignored) {
            // the next event tries again
        }
    }

    private APIGatewayProxyResponseEvent ok(Object body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "application/json"))
            .withBody(write(body));
    }

    private APIGatewayProxyResponseEvent problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new APIGatewayProxyResponseEvent().withStatusCode(status)
            .withHeaders(Map.of("Content-Type", "application/problem+json"))
            .withBody(write(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(APIGatewayProxyRequestEvent event, String name) {
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
                if (name.equalsIgnoreCase(h.getKey())) {
                    return h.getValue();
                }
            }
        }
        if (event.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> h : event.getMultiValueHeaders().entrySet()) {
                if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
        }
        return null;
    }

    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("done must be true or false.");
        };
    }

    /** As functions-core's Cursor: the last id of the previous page, base64url; "" for the first page. */
    private static String cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        String id;
        try {
            id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            id = "";
        }
        if (id.isEmpty() || id.length() > 64) {
            throw new IllegalArgumentException("The cursor is not one this API issued.");
        }
        return id;
    }

    private static String time(Timestamp value) {
        return value == null ? null : TIME.format(value.toInstant().atOffset(ZoneOffset.UTC));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String config(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalStateException("Missing configuration: " + property + " (or " + env + ")");
            }
            return fallback;
        }
        return value;
    }
}
