package app.mobilebackend.localstack.aws;

import app.mobilebackend.localstack.StandInResponses;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SNS mobile push on a loopback port, speaking what the AWS SDK v2 SNS client speaks: the AWS Query protocol
 * (form-encoded POSTs naming an {@code Action}, XML answers in the {@value #NAMESPACE} namespace, errors as Query
 * {@code ErrorResponse} documents whose codes the SDK turns into {@code EndpointDisabledException},
 * {@code NotFoundException}, ...). It keeps platform endpoints and the messages published to them, behaves as SNS
 * does where the backend relies on it (CreatePlatformEndpoint idempotent per token and attributes, DeleteEndpoint
 * idempotent, Publish refused for a disabled endpoint, {@code MessageStructure=json} needing a {@code default}),
 * and lets a test disable an endpoint or make the next call of an action fail.
 */
public final class SnsStandIn implements AutoCloseable {

    public static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    public static final String FCM_APPLICATION_ARN = "arn:aws:sns:us-east-1:000000000000:app/GCM/mobile-backend-fcm";
    public static final String APNS_APPLICATION_ARN = "arn:aws:sns:us-east-1:000000000000:app/APNS/mobile-backend-apns";

    private static final Logger LOG = LoggerFactory.getLogger(SnsStandIn.class);
    private static final Pattern APPLICATION = Pattern.compile("arn:aws:sns:([^:]+):(\\d{12}):app/(GCM|APNS|APNS_SANDBOX)/([\\w.-]+)");
    private static final Pattern APNS_TOKEN = Pattern.compile("[0-9a-fA-F]{1,400}");

    /** A platform endpoint as SNS keeps it. */
    public record Endpoint(String arn, String applicationArn, String token, boolean enabled, String customUserData) {
    }

    /** One Publish that SNS accepted. */
    public record Published(String messageId, String targetArn, String messageStructure, String message) {

        /** The JSON document SNS forwards under {@code key} ({@code GCM}, {@code APNS}, ...) of a structured message. */
        public Map<String, Object> platformMessage(String key) {
            try {
                Object value = JSONObjectUtils.parse(message).get(key);
                return value == null ? null : JSONObjectUtils.parse((String) value);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Failure(String action, int status, String code) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final List<Published> published = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<String> actions = new ArrayList<>();

    private SnsStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free loopback port. */
    public static SnsStandIn start() {
        return start(0);
    }

    public static SnsStandIn start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            SnsStandIn sns = new SnsStandIn(server, executor);
            server.createContext("/", sns::handle);
            server.start();
            return sns;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SNS stand-in", e);
        }
    }

    /** The URL to point the SNS client at. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** What a function needs to push through this stand-in: the SNS endpoint and both platform applications. */
    public Map<String, Object> properties() {
        return Map.of(
            "aws.sns.endpoint", url(),
            "push.fcm-application-arn", FCM_APPLICATION_ARN,
            "push.apns-application-arn", APNS_APPLICATION_ARN);
    }

    public synchronized List<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    public synchronized Optional<Endpoint> endpoint(String arn) {
        return Optional.ofNullable(endpoints.get(arn));
    }

    public synchronized List<Endpoint> endpointsWithToken(String token) {
        return endpoints.values().stream().filter(e -> e.token().equals(token)).toList();
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public synchronized List<Published> publishedTo(String endpointArn) {
        return published.stream().filter(p -> p.targetArn().equals(endpointArn)).toList();
    }

    /** The actions called so far, in order. */
    public synchronized List<String> actions() {
        return List.copyOf(actions);
    }

    /** Disables the endpoint, as SNS does when the platform reports its token invalid. */
    public synchronized void disable(String endpointArn) {
        Endpoint e = endpoints.get(endpointArn);
        if (e == null) {
            throw new IllegalArgumentException("No endpoint " + endpointArn);
        }
        endpoints.put(endpointArn, new Endpoint(e.arn(), e.applicationArn(), e.token(), false, e.customUserData()));
    }

    /** Deletes the endpoint behind the backend's back. */
    public synchronized void remove(String endpointArn) {
        endpoints.remove(endpointArn);
    }

    /** The next call of {@code action} fails with this HTTP status and Query error code ({@code Throttled}, {@code InternalError}). */
    public synchronized void failNext(String action, int status, String code) {
        failNext(action, status, code, 1);
    }

    /** The next {@code times} calls of {@code action} fail (the SDK retries throttling and 5xx on its own). */
    public synchronized void failNext(String action, int status, String code, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(action, status, code));
        }
    }

    /** Forgets the failures not yet served. */
    public synchronized void clearFailures() {
        failures.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Map<String, String> form = form(body);
            if (!"POST".equals(exchange.getRequestMethod()) || authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
                respond(exchange, 403, error("Sender", "InvalidClientTokenId", "The request must be a SigV4-signed POST."));
                return;
            }
            if (!"2010-03-31".equals(form.get("Version"))) {
                respond(exchange, 400, error("Sender", "InvalidParameter", "Unsupported Version " + form.get("Version")));
                return;
            }
            Answer answer = answer(form);
            respond(exchange, answer.status(), answer.xml());
        } catch (RuntimeException e) {
            LOG.error("SNS stand-in failed", e);
            throw e;
        }
    }

    private record Answer(int status, String xml) {
    }

    private synchronized Answer answer(Map<String, String> form) {
        String action = form.getOrDefault("Action", "");
        actions.add(action);
        Failure failure = failures.stream().filter(f -> f.action().equals(action)).findFirst().orElse(null);
        if (failure != null) {
            failures.remove(failure);
            return new Answer(failure.status(), error(failure.status() >= 500 ? "Receiver" : "Sender", failure.code(), "Injected failure"));
        }
        try {
            return switch (action) {
                case "CreatePlatformEndpoint" -> ok(action, createPlatformEndpoint(form));
                case "GetEndpointAttributes" -> ok(action, getEndpointAttributes(form));
                case "SetEndpointAttributes" -> ok(action, setEndpointAttributes(form));
                case "DeleteEndpoint" -> ok(action, deleteEndpoint(form));
                case "Publish" -> ok(action, publish(form));
                default -> throw new SnsError(400, "InvalidAction", "The action " + action + " is not valid for this endpoint.");
            };
        } catch (SnsError e) {
            return new Answer(e.status, error(e.status >= 500 ? "Receiver" : "Sender", e.code, e.getMessage()));
        }
    }

    private String createPlatformEndpoint(Map<String, String> form) {
        String application = required(form, "PlatformApplicationArn");
        String token = required(form, "Token");
        Matcher app = APPLICATION.matcher(application);
        if (!app.matches()) {
            throw new SnsError(404, "NotFound", "PlatformApplication does not exist");
        }
        if (app.group(3).startsWith("APNS") && !APNS_TOKEN.matcher(token).matches()) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: Token Reason: iOS device tokens must be no more than 400 hexadecimal characters");
        }
        Map<String, String> attributes = attributes(form);
        String userData = form.getOrDefault("CustomUserData", attributes.get("CustomUserData"));
        for (Endpoint existing : endpoints.values()) {
            if (existing.applicationArn().equals(application) && existing.token().equals(token)) {
                if (!java.util.Objects.equals(existing.customUserData(), userData)) {
                    throw new SnsError(400, "InvalidParameter", "Invalid parameter: Token Reason: Endpoint " + existing.arn()
                        + " already exists with the same Token, but different attributes.");
                }
                return "<EndpointArn>" + xml(existing.arn()) + "</EndpointArn>";
            }
        }
        String arn = "arn:aws:sns:" + app.group(1) + ":" + app.group(2) + ":endpoint/" + app.group(3) + "/" + app.group(4) + "/" + UUID.randomUUID();
        boolean enabled = !"false".equalsIgnoreCase(attributes.getOrDefault("Enabled", "true"));
        endpoints.put(arn, new Endpoint(arn, application, token, enabled, userData));
        return "<EndpointArn>" + xml(arn) + "</EndpointArn>";
    }

    private String getEndpointAttributes(Map<String, String> form) {
        Endpoint e = existing(required(form, "EndpointArn"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Enabled", String.valueOf(e.enabled()));
        attributes.put("Token", e.token());
        if (e.customUserData() != null) {
            attributes.put("CustomUserData", e.customUserData());
        }
        StringBuilder out = new StringBuilder("<Attributes>");
        attributes.forEach((k, v) -> out.append("<entry><key>").append(xml(k)).append("</key><value>").append(xml(v)).append("</value></entry>"));
        return out.append("</Attributes>").toString();
    }

    private String setEndpointAttributes(Map<String, String> form) {
        Endpoint e = existing(required(form, "EndpointArn"));
        Map<String, String> attributes = attributes(form);
        endpoints.put(e.arn(), new Endpoint(e.arn(), e.applicationArn(),
            attributes.getOrDefault("Token", e.token()),
            attributes.containsKey("Enabled") ? Boolean.parseBoolean(attributes.get("Enabled")) : e.enabled(),
            attributes.getOrDefault("CustomUserData", e.customUserData())));
        return null;
    }

    private String deleteEndpoint(Map<String, String> form) {
        endpoints.remove(required(form, "EndpointArn"));
        return null;
    }

    private String publish(Map<String, String> form) {
        String target = form.getOrDefault("TargetArn", form.get("TopicArn"));
        String message = required(form, "Message");
        String structure = form.get("MessageStructure");
        if (target == null) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        Endpoint e = endpoints.get(target);
        if (e == null) {
            throw new SnsError(404, "NotFound", "Endpoint does not exist");
        }
        if (!e.enabled()) {
            throw new SnsError(400, "EndpointDisabled", "Endpoint is disabled");
        }
        if ("json".equals(structure)) {
            try {
                if (!(JSONObjectUtils.parse(message).get("default") instanceof String)) {
                    throw new SnsError(400, "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
                }
            } catch (ParseException ex) {
                throw new SnsError(400, "InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse");
            }
        }
        String id = UUID.randomUUID().toString();
        published.add(new Published(id, target, structure, message));
        LOG.info("SNS push to {}: {}", target, message);
        return "<MessageId>" + id + "</MessageId>";
    }

    private Endpoint existing(String arn) {
        Endpoint e = endpoints.get(arn);
        if (e == null) {
            throw new SnsError(404, "NotFound", "Endpoint does not exist");
        }
        return e;
    }

    private static Answer ok(String action, String result) {
        String body = result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>";
        return new Answer(200, "<" + action + "Response xmlns=\"" + NAMESPACE + "\">" + body
            + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    private static String error(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + xml(code) + "</Code><Message>"
            + xml(message) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: " + name + " Reason: no value for required parameter");
        }
        return value;
    }

    /** {@code Attributes.entry.N.key} / {@code Attributes.entry.N.value} pairs. */
    private static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> attributes = new HashMap<>();
        for (int n = 1; form.containsKey("Attributes.entry." + n + ".key"); n++) {
            attributes.put(form.get("Attributes.entry." + n + ".key"), form.getOrDefault("Attributes.entry." + n + ".value", ""));
        }
        return attributes;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        StandInResponses.send(exchange, status, "text/xml", Map.of(), xml);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** An SNS error answer. */
    private static final class SnsError extends RuntimeException {
        private final int status;
        private final String code;

        SnsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
