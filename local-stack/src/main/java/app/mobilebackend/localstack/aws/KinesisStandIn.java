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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Amazon Kinesis Data Streams on loopback, as far as {@code PutRecords} goes, speaking its JSON wire protocol
 * ({@code POST /}, {@code X-Amz-Target: Kinesis_20131202.PutRecords}, {@code application/x-amz-json-1.1}), so the
 * real AWS SDK v2 client talks to it. It records every accepted record and can be told to refuse given records (a
 * per-record {@code ErrorCode}, as Kinesis does when a shard is over its throughput) or whole calls (HTTP 500).
 * <p>
 * The SDK's Kinesis client speaks CBOR unless the SDK setting {@code aws.cborEnabled} (env {@code AWS_CBOR_ENABLED})
 * is false when the client is built; this stand-in speaks JSON only, so {@link #start()} sets that system property.
 * It runs in the JVM of its clients (tests, the dev server), where nothing else talks to the real Kinesis.
 */
public final class KinesisStandIn implements AutoCloseable {

    /** A record Kinesis accepted: the stream, the partition key, the data as sent, the sequence number it assigned. */
    public record Record(String streamName, String partitionKey, byte[] data, String sequenceNumber) {

        /** The data as UTF-8 text (the functions send JSON). */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The SDK system setting that switches the Kinesis client from CBOR to JSON. */
    public static final String CBOR_ENABLED = "aws.cborEnabled";

    private static final int MAX_RECORDS = 500;

    private final HttpServer server;
    private final List<Record> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong(49_000_000_000L);
    private volatile Predicate<Record> refuseRecord = record -> false;
    private volatile boolean refuseCalls;
    private volatile Consumer<Record> listener = record -> { };

    private KinesisStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves Kinesis on a free loopback port, and makes Kinesis clients built from now on in this JVM speak JSON. */
    public static KinesisStandIn start() {
        System.setProperty(CBOR_ENABLED, "false");
        try {
            return new KinesisStandIn();
        } catch (IOException e) {
            throw new IllegalStateException("Could not serve Kinesis on loopback", e);
        }
    }

    /** The endpoint to give the client ({@code aws.kinesis.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every record accepted so far, in the order received. */
    public List<Record> received() {
        return List.copyOf(received);
    }

    /** How many PutRecords calls arrived (accepted or refused). */
    public int calls() {
        return calls.get();
    }

    /** Forgets the records received and the calls counted, and accepts everything again. */
    public KinesisStandIn reset() {
        received.clear();
        calls.set(0);
        refuseRecord = record -> false;
        refuseCalls = false;
        return this;
    }

    /**
     * Records matching {@code refuse} get {@code ErrorCode: ProvisionedThroughputExceededException} instead of a
     * sequence number (the predicate sees the record without one); the call itself succeeds with a FailedRecordCount.
     */
    public KinesisStandIn refuseRecords(Predicate<Record> refuse) {
        this.refuseRecord = refuse;
        return this;
    }

    /** While {@code refuse} is true, every call answers HTTP 500 (the SDK retries, then gives up). */
    public KinesisStandIn refuseCalls(boolean refuse) {
        this.refuseCalls = refuse;
        return this;
    }

    /** Called with each accepted record (the dev server logs them). */
    public KinesisStandIn onRecord(Consumer<Record> listener) {
        this.listener = listener;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || !"Kinesis_20131202.PutRecords".equals(target)
                || contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
                error(exchange, 400, "UnknownOperationException",
                    "Only Kinesis_20131202.PutRecords (AWS JSON 1.1; set " + CBOR_ENABLED + "=false) is served here.");
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                error(exchange, 400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
                return;
            }
            if (refuseCalls) {
                error(exchange, 500, "InternalFailure", "The stand-in was told to fail this call.");
                return;
            }
            Map<String, Object> request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (ParseException e) {
                error(exchange, 400, "SerializationException", "Malformed JSON");
                return;
            }
            String stream = streamName(request);
            List<?> records = request.get("Records") instanceof List<?> list ? list : List.of();
            if (stream == null || records.isEmpty() || records.size() > MAX_RECORDS) {
                error(exchange, 400, "ValidationException",
                    "1 validation error detected: a stream and 1 to " + MAX_RECORDS + " records are required");
                return;
            }
            List<Object> results = new ArrayList<>();
            int failed = 0;
            for (Object item : records) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = item instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
                String key = (String) fields.get("PartitionKey");
                String data = (String) fields.get("Data");
                if (key == null || key.isEmpty() || key.length() > 256 || data == null) {
                    error(exchange, 400, "ValidationException", "Each record needs a PartitionKey (1 to 256) and Data");
                    return;
                }
                Record candidate = new Record(stream, key, Base64.getDecoder().decode(data), null);
                Map<String, Object> result = new LinkedHashMap<>();
                if (refuseRecord.test(candidate)) {
                    failed++;
                    result.put("ErrorCode", "ProvisionedThroughputExceededException");
                    result.put("ErrorMessage", "Rate exceeded for shard shardId-000000000000 in stream " + stream + ".");
                } else {
                    Record accepted = new Record(stream, key, candidate.data(), Long.toString(sequence.incrementAndGet()));
                    received.add(accepted);
                    listener.accept(accepted);
                    result.put("SequenceNumber", accepted.sequenceNumber());
                    result.put("ShardId", "shardId-000000000000");
                }
                results.add(result);
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("FailedRecordCount", failed);
            response.put("Records", results);
            response.put("EncryptionType", "KMS");
            send(exchange, 200, JSONObjectUtils.toJSONString(response));
        }
    }

    /** {@code StreamName}, or the name in {@code StreamARN} (arn:aws:kinesis:region:account:stream/name). */
    private static String streamName(Map<String, Object> request) {
        if (request.get("StreamName") instanceof String name && !name.isEmpty()) {
            return name;
        }
        if (request.get("StreamARN") instanceof String arn && arn.contains(":stream/")) {
            return arn.substring(arn.indexOf(":stream/") + ":stream/".length());
        }
        return null;
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
