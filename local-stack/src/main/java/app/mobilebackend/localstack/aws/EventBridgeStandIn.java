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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Amazon EventBridge on loopback, as far as {@code PutEvents} goes, speaking its wire protocol (AWS JSON 1.1:
 * {@code POST /}, {@code X-Amz-Target: AWSEvents.PutEvents}, {@code application/x-amz-json-1.1}), so the real
 * AWS SDK v2 client talks to it. It records every accepted entry and can be told to refuse given entries (a per-entry
 * {@code ErrorCode}, as EventBridge does under partial failure) or whole calls (HTTP 500). Point a client at
 * {@link #endpoint()}.
 */
public final class EventBridgeStandIn implements AutoCloseable {

    /** An entry EventBridge accepted, with the event id it assigned. */
    public record Entry(String eventId, String eventBusName, String source, String detailType, String detail) {
    }

    private static final int MAX_ENTRIES = 10;

    private final HttpServer server;
    private final List<Entry> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Predicate<Entry> refuseEntry = entry -> false;
    private volatile boolean refuseCalls;
    private volatile Consumer<Entry> listener = entry -> { };

    private EventBridgeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static EventBridgeStandIn start() {
        try {
            return new EventBridgeStandIn();
        } catch (IOException e) {
            throw new IllegalStateException("Could not serve EventBridge on loopback", e);
        }
    }

    /** The endpoint to give the client ({@code aws.eventbridge.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every entry accepted so far, in the order received. */
    public List<Entry> received() {
        return List.copyOf(received);
    }

    /** How many PutEvents calls arrived (accepted or refused). */
    public int calls() {
        return calls.get();
    }

    /** Entries matching {@code refuse} get {@code ErrorCode: InternalFailure} instead of an event id. */
    public EventBridgeStandIn refuseEntries(Predicate<Entry> refuse) {
        this.refuseEntry = refuse;
        return this;
    }

    /** While {@code refuse} is true, every call answers HTTP 500 (the SDK retries, then gives up). */
    public EventBridgeStandIn refuseCalls(boolean refuse) {
        this.refuseCalls = refuse;
        return this;
    }

    /** Called with each accepted entry (the dev server logs them). */
    public EventBridgeStandIn onEvent(Consumer<Entry> listener) {
        this.listener = listener;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)
                || contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
                error(exchange, 400, "UnknownOperationException", "Only AWSEvents.PutEvents (AWS JSON 1.1) is served here.");
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                error(exchange, 400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
                return;
            }
            if (refuseCalls) {
                error(exchange, 500, "InternalException", "The stand-in was told to fail this call.");
                return;
            }
            Map<String, Object> request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (ParseException e) {
                error(exchange, 400, "SerializationException", "Malformed JSON");
                return;
            }
            List<?> entries = request.get("Entries") instanceof List<?> list ? list : List.of();
            if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
                error(exchange, 400, "ValidationException",
                    "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");
                return;
            }
            List<Object> results = new ArrayList<>();
            int failed = 0;
            for (Object item : entries) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = item instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
                Entry entry = new Entry(UUID.randomUUID().toString(), (String) fields.get("EventBusName"),
                    (String) fields.get("Source"), (String) fields.get("DetailType"), (String) fields.get("Detail"));
                Map<String, Object> result = new LinkedHashMap<>();
                if (refuseEntry.test(entry)) {
                    failed++;
                    result.put("ErrorCode", "InternalFailure");
                    result.put("ErrorMessage", "The stand-in was told to fail this entry.");
                } else {
                    received.add(entry);
                    listener.accept(entry);
                    result.put("EventId", entry.eventId());
                }
                results.add(result);
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("Entries", results);
            response.put("FailedEntryCount", failed);
            send(exchange, 200, JSONObjectUtils.toJSONString(response));
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, JSONObjectUtils.toJSONString(Map.of("__type", type, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        StandInResponses.send(exchange, status, "application/x-amz-json-1.1", Map.of(), json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
