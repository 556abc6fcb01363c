package app.mobilebackend.functions.events.transform;

import app.mobilebackend.testkit.LambdaRuntimeSerialization;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transform as Firehose calls it: the event is the JSON document Firehose sends for a Kinesis data stream source
 * (the shape of the Firehose developer guide's "Transform source data" example, with {@code sourceKinesisStreamArn}
 * and each record's {@code kinesisRecordMetadata}), read by the Lambda Java runtime's serializer, and the answer is
 * the JSON the runtime writes back: every recordId with {@code Ok}, {@code Dropped} or {@code ProcessingFailed} and
 * base64 data.
 */
class EventsTransformFunctionTest {

    private static final String PSEUDONYM = "q2Lk0rJ8x4m1XJ2c5kq0e6Vw3o9n7b1a5d3f8g2h4j6";
    private static final Instant RECEIVED = Instant.parse("2026-11-25T09:31:00.123Z");

    private static EventsTransformFunction function;

    @BeforeAll
    static void start() {
        function = new EventsTransformFunction();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void answersEveryRecordInOrderWithOkDroppedOrProcessingFailed() throws ParseException {
        List<String> data = List.of(
            event("screen.view", "2026-11-25T09:30:00Z", "{\"screen\":\"todo-list\"}"),
            event("app.open", "2026-09-01T00:00:00Z", "{}"),
            "this is no JSON",
            "{\"name\":\"screen.view\",\"timestamp\":\"2026-11-25T09:30:00Z\"}",
            event("Bad Name", "2026-11-25T09:30:00Z", "{}"),
            event("app.open", "not a time", "{}"),
            event("app.open", "2026-11-27T09:30:00Z", "{}"));

        List<Map<String, Object>> answers = invoke(data);

        assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6"), answers.stream().map(a -> a.get("recordId")).toList());
        assertEquals(List.of("Ok", "Dropped", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed", "Dropped"),
            answers.stream().map(a -> a.get("result")).toList());
        for (int i = 2; i < 6; i++) {
            assertEquals(data.get(i), decoded(answers.get(i)), "a failed record goes to the error prefix as it came");
        }
    }

    @Test
    void keepsTheEventsFieldsAddsTheReceivedTimeAndEndsTheLine() throws ParseException {
        String data = "{\"pseudonymousId\":\"" + PSEUDONYM + "\",\"name\":\"todo.completed\",\"timestamp\":\"2026-11-25T09:30:00Z\","
            + "\"properties\":{\"fromWidget\":true,\"openTodos\":3,\"ratio\":0.5},\"sub\":\"0f1e2d3c\",\"deviceModel\":\"Pixel 9\"}";

        Map<String, Object> answer = invoke(List.of(data)).get(0);

        assertEquals("Ok", answer.get("result"));
        String line = decoded(answer);
        assertTrue(line.endsWith("}\n"), "one JSON document a line: " + line);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("pseudonymousId", PSEUDONYM);
        expected.put("name", "todo.completed");
        expected.put("timestamp", "2026-11-25T09:30:00Z");
        expected.put("properties", Map.of("fromWidget", true, "openTodos", 3L, "ratio", 0.5));
        expected.put("receivedAt", "2026-11-25T09:31:00.123Z");
        assertEquals(expected, JSONObjectUtils.parse(line), "unknown fields (sub, deviceModel) are dropped");
    }

    @Test
    void stripsPropertiesThatArePersonalDataOrBreakTheSchema() throws ParseException {
        String properties = "{\"screen\":\"settings\",\"email\":\"ann@example.com\",\"contact\":\"write to ann@example.com\","
            + "\"Phone_Number\":\"12345\",\"callback\":\"+44 20 7946 0958\",\"First-Name\":\"Ann\",\"ip\":\"203.0.113.7\","
            + "\"nested\":{\"a\":1},\"list\":[1],\"nothing\":null,\"long\":\"" + "x".repeat(257) + "\",\"count\":2,"
            + "\"day\":\"2026-11-25\"}";

        Map<String, Object> answer = invoke(List.of(event("settings.open", "2026-11-25T09:30:00Z", properties))).get(0);

        assertEquals("Ok", answer.get("result"));
        assertEquals(Map.of("screen", "settings", "count", 2L, "day", "2026-11-25"),
            JSONObjectUtils.parse(decoded(answer)).get("properties"));
    }

    @Test
    void answersAnEmptyBatchWithNoRecords() throws ParseException {
        assertEquals(List.of(), invoke(List.of()));
    }

    private static String event(String name, String timestamp, String properties) {
        return "{\"pseudonymousId\":\"" + PSEUDONYM + "\",\"name\":\"" + name + "\",\"timestamp\":\"" + timestamp
            + "\",\"properties\":" + properties + "}";
    }

    /** Firehose's event for {@code data}, through the runtime's serializers both ways; the answer's records. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> invoke(List<String> data) throws ParseException {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            long arrival = RECEIVED.toEpochMilli();
            records.add("""
                {"recordId":"r%d","approximateArrivalTimestamp":%d,"data":"%s",
                 "kinesisRecordMetadata":{"shardId":"shardId-000000000000","partitionKey":"%s","approximateArrivalTimestamp":%d,
                  "sequenceNumber":"4959000000000000000000000000000000000000000000000000000%d","subsequenceNumber":""}}"""
                .formatted(i, arrival, Base64.getEncoder().encodeToString(data.get(i).getBytes(StandardCharsets.UTF_8)),
                    PSEUDONYM, arrival, i));
        }
        String event = """
            {"invocationId":"4f1a2c3e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
             "deliveryStreamArn":"arn:aws:firehose:eu-west-1:123456789012:deliverystream/mobile-backend-events",
             "sourceKinesisStreamArn":"arn:aws:kinesis:eu-west-1:123456789012:stream/mobile-backend-events",
             "region":"eu-west-1",
             "records":[%s]}""".formatted(String.join(",", records));
        KinesisAnalyticsInputPreprocessingResponse response =
            function.handleRequest(LambdaRuntimeSerialization.read(event, KinesisFirehoseEvent.class), new MockLambdaContext());
        Map<String, Object> answer = JSONObjectUtils.parse(LambdaRuntimeSerialization.write(response));
        return (List<Map<String, Object>>) (List<?>) answer.get("records");
    }

    private static String decoded(Map<String, Object> answer) {
        return new String(Base64.getDecoder().decode((String) answer.get("data")), StandardCharsets.UTF_8);
    }
}
