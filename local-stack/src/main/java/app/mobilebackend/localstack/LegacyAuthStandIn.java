package app.mobilebackend.localstack;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The legacy system's login API on loopback, as LegacyAuthClient's contract describes it: {@code POST /login} and
 * {@code GET /users/{username}}. It can also fail like a system that is down or hangs. For user-migration's tests
 * and the benchmark.
 */
public final class LegacyAuthStandIn implements AutoCloseable {

    public enum Mode { UP, FAILING, HANGING }

    private final HttpServer server;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> logins = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.UP;

    public LegacyAuthStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/legacy/", this::handle);
        server.start();
    }

    /** The base URL ({@code legacy-auth.url}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/legacy";
    }

    public void addUser(String username, String password, Map<String, Object> profile) {
        passwords.put(username, password);
        users.put(username, profile);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The login request bodies received, oldest first. */
    public List<Map<String, Object>> logins() {
        return List.copyOf(logins);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (mode == Mode.HANGING) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (mode == Mode.FAILING) {
                respond(exchange, 500, Map.of("error", "java.sql.SQLException: ORA-12541 at legacy-db-7.internal"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath().substring("/legacy".length());
            if ("POST".equals(exchange.getRequestMethod()) && "/login".equals(path)) {
                Map<String, Object> body;
                try {
                    body = JSONObjectUtils.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                } catch (ParseException e) {
                    respond(exchange, 400, Map.of("error", "bad json"));
                    return;
                }
                logins.add(body);
                String username = String.valueOf(body.get("username"));
                if (!users.containsKey(username)) {
                    respond(exchange, 404, Map.of("error", "no such user"));
                } else if (!passwords.get(username).equals(body.get("password"))) {
                    respond(exchange, 401, Map.of("error", "wrong password"));
                } else {
                    respond(exchange, 200, users.get(username));
                }
            } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/users/")) {
                String username = URLDecoder.decode(path.substring("/users/".length()), StandardCharsets.UTF_8);
                Map<String, Object> user = users.get(username);
                respond(exchange, user == null ? 404 : 200, user == null ? Map.of("error", "no such user") : user);
            } else {
                respond(exchange, 405, Map.of("error", "not here"));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        StandInResponses.send(exchange, status, "application/json", Map.of(), JSONObjectUtils.toJSONString(body));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
