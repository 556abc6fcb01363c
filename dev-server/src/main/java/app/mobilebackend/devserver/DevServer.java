package app.mobilebackend.devserver;

import app.mobilebackend.core.lambda.ApiGatewayHandler;
import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.localstack.aws.S3StandIn;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.web.router.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole API on one local port: every function's handler behind an HTTP server that hands it the same
 * API Gateway proxy events Lambda would. Also mints development tokens at {@code GET /_dev/token?sub=alice} and
 * serves the interactive API docs at {@code GET /docs} ({@link ApiDocs}); neither reaches the functions.
 */
public final class DevServer implements AutoCloseable {

    public static final String TOKEN_PATH = "/_dev/token";
    private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final LocalIdentityProvider identity;
    private final S3StandIn s3;
    private final ApiGatewayHandler handler;
    private final ApiResources resources;
    private final ApiDocs docs;
    private final HttpServer server;
    private final ExecutorService executor;
    private final DevOutbox outbox;
    private final DevPush push;
    private final DevAnalytics analytics;
    private final DevThumbnails thumbnails;

    private DevServer(LocalIdentityProvider identity, S3StandIn s3, ApiGatewayHandler handler, ApiDocs docs,
                      HttpServer server, ExecutorService executor, DevOutbox outbox, DevPush push, DevAnalytics analytics,
                      DevThumbnails thumbnails) {
        this.outbox = outbox;
        this.thumbnails = thumbnails;
        this.push = push;
        this.analytics = analytics;
        this.identity = identity;
        this.s3 = s3;
        this.handler = handler;
        this.resources = ApiResources.of(handler.getApplicationContext().getBean(Router.class).uriRoutes()
            .map(route -> route.getUriMatchTemplate().toString()).toList());
        this.docs = docs;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the API on {@code port} (0: any free port). Data live in {@code dataDir}: the embedded database
     * (unless {@code database} names another) and the signing key, so to-dos and tokens survive a restart.
     */
    public static DevServer start(int port, Path dataDir, LocalDatabase database) throws IOException {
        Files.createDirectories(dataDir);
        LocalDatabase db = database != null ? database : LocalDatabase.embedded(dataDir.resolve("mariadb"));
        db.migrate();
        LocalIdentityProvider identity = LocalIdentityProvider.start(signingKey(dataDir.resolve("dev-signing-key.json")));
        Map<String, Object> properties = new HashMap<>(identity.properties());
        properties.put("db.url", db.url());
        properties.put("db.username", db.username());
        properties.put("db.password", db.password());
        properties.put("datasources.default.maximum-pool-size", 10);
        S3StandIn s3 = LocalS3.start(dataDir);
        properties.putAll(s3.properties());
        DevUpdates.seed(s3);
        DevOutbox outbox = DevOutbox.start();
        properties.putAll(outbox.properties());
        DevPush push = DevPush.start();
        properties.putAll(push.properties());
        properties.putAll(DevContent.properties(dataDir));
        DevAnalytics analytics = DevAnalytics.start();
        properties.putAll(analytics.properties());
        var handler = new ApiGatewayHandler(ApplicationContext.builder().properties(properties).build());
        outbox.relayEvery2Seconds(handler.getApplicationContext());
        analytics.transformWith(handler.getApplicationContext());
        DevThumbnails thumbnails = DevThumbnails.start(s3, handler.getApplicationContext());
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        ExecutorService executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        DevServer dev = new DevServer(identity, s3, handler, apiDocs(), server, executor, outbox, push, analytics, thumbnails);
        server.createContext("/", dev::handle);
        server.start();
        return dev;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(env("PORT", "8080"));
        Path dataDir = Path.of(env("DEV_DATA_DIR", Path.of(System.getProperty("user.home"), ".mobile-backend", "dev").toString()));
        String dbUrl = System.getenv("DB_URL");
        LocalDatabase database = dbUrl == null || dbUrl.isBlank() ? null
            : LocalDatabase.configured(dbUrl, env("DB_USERNAME", "root"), env("DB_PASSWORD", ""));
        DevServer dev = start(port, dataDir, database);
        Runtime.getRuntime().addShutdownHook(new Thread(dev::close));
        String token = dev.token("dev-user");
        System.out.printf("""

            Mobile backend API on http://localhost:%1$d  (data in %2$s)
            A development access token for user "dev-user", valid 12 hours:

            export TOKEN=%3$s

            curl -H "Authorization: Bearer $TOKEN" http://localhost:%1$d/todos
            curl "http://localhost:%1$d/app-updates/android/latest?currentVersion=0.9.0"   (public: no token)
            Another user's token: curl -s "http://localhost:%1$d%4$s?sub=alice"
            API docs: http://localhost:%1$d%5$s/
            %n""", dev.port(), dataDir, token, TOKEN_PATH, ApiDocs.PREFIX);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    /** The handler every request reaches, as Lambda would call it. */
    ApiGatewayHandler handler() {
        return handler;
    }

    /** An object of the S3 stand-in's updates bucket (the builds {@link DevUpdates} published). */
    byte[] updatesObject(String key) {
        try (var client = DevUpdates.client(s3)) {
            return client.getObjectAsBytes(b -> b.bucket(S3StandIn.UPDATES_BUCKET).key(key)).asByteArray();
        }
    }

    /** A development access token for {@code sub}. */
    public String token(String sub) {
        return identity.accessToken(sub, TOKEN_LIFETIME);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (TOKEN_PATH.equals(path)) {
                issueToken(exchange);
                return;
            }
            if (ApiDocs.handles(path)) {
                if (docs != null) {
                    docs.handle(exchange);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
                return;
            }
            APIGatewayProxyResponseEvent response = handler.handleRequest(ApiGatewayBridge.toEvent(exchange, resources), new MockLambdaContext());
            ApiGatewayBridge.write(response, exchange);
        } catch (RuntimeException e) {
            // what API Gateway answers when the function throws instead of answering
            LOG.error("The handler failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            byte[] body = "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(502, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        String sub = "dev-user";
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("sub=") && pair.length() > 4) {
                    sub = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
                }
            }
        }
        byte[] body = JSONObjectUtils.toJSONString(Map.of("sub", sub, "accessToken", token(sub), "expiresIn", TOKEN_LIFETIME.toSeconds()))
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The API docs, or none (then {@code /docs} answers 404) when the class path lacks them, as in a run outside Maven. */
    private static ApiDocs apiDocs() {
        try {
            return ApiDocs.load();
        } catch (IllegalStateException e) {
            LOG.warn("No API docs at {}: {}", ApiDocs.PREFIX, e.getMessage());
            return null;
        }
    }

    /** The key that signs development tokens, kept beside the data so tokens outlive a restart. */
    private static RSAKey signingKey(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                return RSAKey.parse(Files.readString(file));
            } catch (ParseException e) {
                LOG.warn("Replacing the unreadable signing key {}", file);
            }
        }
        RSAKey key = LocalIdentityProvider.newKey("dev-server-tokens");
        Files.writeString(file, key.toJSONString());
        return key;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        outbox.close();
        thumbnails.close();
        handler.close();
        identity.close();
        s3.close();
        push.close();
        analytics.close();
    }
}
