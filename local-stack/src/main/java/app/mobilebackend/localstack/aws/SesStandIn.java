package app.mobilebackend.localstack.aws;

import app.mobilebackend.localstack.StandInResponses;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Amazon SES v2 on loopback, speaking its REST-JSON protocol for {@code SendEmail}
 * ({@code POST /v2/email/outbound-emails}), so the real AWS SDK v2 {@code SesV2Client} talks to it. It records every
 * accepted message; {@link #rejectWith} makes it answer as SES does when it refuses one.
 */
public final class SesStandIn implements AutoCloseable {

    public static final String SEND_EMAIL_PATH = "/v2/email/outbound-emails";

    private final HttpServer server;
    private final List<Email> sent = new CopyOnWriteArrayList<>();
    private volatile String rejection;

    /** One message SES accepted: the sender, the To addresses, the subject and the text and HTML bodies. */
    public record Email(String messageId, String from, List<String> to, String subject, String text, String html,
                       Map<String, Object> request) {
    }

    private SesStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SesStandIn start() {
        try {
            return new SesStandIn();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the SES stand-in on loopback", e);
        }
    }

    /** The endpoint to give the SDK client ({@code aws.sesv2.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The messages accepted so far, oldest first. */
    public List<Email> sent() {
        return List.copyOf(sent);
    }

    /** The messages accepted so far for {@code address}. */
    public List<Email> sentTo(String address) {
        return sent.stream().filter(email -> email.to().contains(address)).toList();
    }

    /** From now on refuse every message with SES's {@code MessageRejected} error (null: accept again). */
    public void rejectWith(String message) {
        this.rejection = message;
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !SEND_EMAIL_PATH.equals(exchange.getRequestURI().getPath())) {
                error(exchange, 404, "NotFoundException", "Unknown operation " + exchange.getRequestURI().getPath());
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                error(exchange, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
                return;
            }
            Map<String, Object> request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (ParseException e) {
                error(exchange, 400, "BadRequestException", "The request body is not JSON");
                return;
            }
            if (rejection != null) {
                error(exchange, 400, "MessageRejected", rejection);
                return;
            }
            Map<String, Object> destination = (Map<String, Object>) request.getOrDefault("Destination", Map.of());
            Map<String, Object> simple = (Map<String, Object>) ((Map<String, Object>) request.getOrDefault("Content", Map.of()))
                .getOrDefault("Simple", Map.of());
            Map<String, Object> body = (Map<String, Object>) simple.getOrDefault("Body", Map.of());
            if (request.get("FromEmailAddress") == null || destination.get("ToAddresses") == null || simple.isEmpty()) {
                error(exchange, 400, "BadRequestException", "FromEmailAddress, Destination.ToAddresses and Content.Simple are required");
                return;
            }
            String messageId = UUID.randomUUID().toString();
            sent.add(new Email(messageId, (String) request.get("FromEmailAddress"),
                ((List<Object>) destination.get("ToAddresses")).stream().map(String::valueOf).toList(),
                data(simple.get("Subject")), data(body.get("Text")), data(body.get("Html")), request));
            respond(exchange, 200, Map.of(), JSONObjectUtils.toJSONString(Map.of("MessageId", messageId)));
        }
    }

    @SuppressWarnings("unchecked")
    private static String data(Object content) {
        return content instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get("Data") : null;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, Map.of("x-amzn-ErrorType", type), JSONObjectUtils.toJSONString(Map.of("message", message)));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String json) throws IOException {
        StandInResponses.send(exchange, status, "application/json", headers, json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
