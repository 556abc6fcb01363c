package app.mobilebackend.functions.events.create;

import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.KinesisStandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * createEvents through the deployed handler, its Kinesis client (the real SDK v2 client, JSON protocol) pointed at
 * a loopback Kinesis that records what it accepts and can refuse records as a shard over its throughput does.
 */
class CreateEventsFunctionTest {

    private static final String STREAM = "mobile-backend-events";
    private static final String KEY = "test-pseudonym-key-0123456789abcdef";

    private static KinesisStandIn kinesis;
    private static LocalFunction function;

    @BeforeAll
    static void startHandler() {
        kinesis = KinesisStandIn.start();
        function = LocalFunction.start(Map.of(
            "aws.kinesis.endpoint", kinesis.endpoint(),
            "analytics.stream-name", STREAM,
            "analytics.pseudonym-key", KEY));
    }

    @AfterAll
    static void closeHandler() {
        function.close();
        kinesis.close();
    }

    @BeforeEach
    void kinesisAcceptsEverything() {
        kinesis.reset();
    }

    @Test
    void putsEveryEventOnTheStreamUnderTheUsersPseudonymousId() {
        TestUser user = TestUser.fresh();

        var response = post(user, """
            {"events":[
              {"name":"screen.view","timestamp":"2026-11-25T10:30:00+01:00","properties":{"screen":"todo-list"}},
              {"name":"todo.completed","timestamp":"2026-11-25T09:31:12Z","properties":{"fromWidget":true,"openTodos":3}},
              {"name":"app.open","timestamp":"2026-11-25T09:32:00Z"}
            ]}""");

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(Map.of("accepted", 3), function.readMap(response.getBody()));
        List<KinesisStandIn.Record> records = kinesis.received();
        assertEquals(3, records.size());
        String pseudonym = hmac(user.sub());
        for (KinesisStandIn.Record record : records) {
            assertEquals(STREAM, record.streamName());
            assertEquals(pseudonym, record.partitionKey());
            assertFalse(record.text().contains(user.sub()), "the sub never reaches the stream: " + record.text());
        }
        assertEquals(Map.of("pseudonymousId", pseudonym, "name", "screen.view", "timestamp", "2026-11-25T09:30:00Z",
            "properties", Map.of("screen", "todo-list")), function.readMap(records.get(0).text()));
        assertEquals(Map.of("pseudonymousId", pseudonym, "name", "todo.completed", "timestamp", "2026-11-25T09:31:12Z",
            "properties", Map.of("fromWidget", true, "openTodos", 3)), function.readMap(records.get(1).text()));
        assertEquals(Map.of("pseudonymousId", pseudonym, "name", "app.open", "timestamp", "2026-11-25T09:32:00Z",
            "properties", Map.of()), function.readMap(records.get(2).text()));
    }

    @Test
    void givesEachUserTheirOwnPartitionKey() {
        TestUser alice = TestUser.fresh();
        TestUser bob = TestUser.fresh();

        assertEquals(202, post(alice, batch(1)).getStatusCode());
        assertEquals(202, post(bob, batch(1)).getStatusCode());

        List<KinesisStandIn.Record> records = kinesis.received();
        assertEquals(List.of(hmac(alice.sub()), hmac(bob.sub())), records.stream().map(KinesisStandIn.Record::partitionKey).toList());
        assertNotEquals(records.get(0).partitionKey(), records.get(1).partitionKey());
    }

    @Test
    void refusesTheBatchNamingTheBadEventsName() {
        var response = post(TestUser.fresh(), """
            {"events":[
              {"name":"screen.view","timestamp":"2026-11-25T09:30:00Z"},
              {"name":"app.open","timestamp":"2026-11-25T09:31:00Z"},
              {"name":"Screen View!","timestamp":"2026-11-25T09:32:00Z"}
            ]}""");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(List.of("events[2].name"), fields(response.getBody()));
        assertEquals(List.of(), kinesis.received());
        assertEquals(0, kinesis.calls());
    }

    @Test
    void refusesAnEventWithoutTimestampOrWithAnInvalidOne() {
        var response = post(TestUser.fresh(), """
            {"events":[
              {"name":"screen.view"},
              {"name":"app.open","timestamp":"yesterday"}
            ]}""");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("events[0].timestamp", "events[1].timestamp"), fields(response.getBody()));
        assertEquals(0, kinesis.calls());
    }

    @Test
    void refusesPropertiesThatAreNotPrimitiveOrTooLong() {
        var response = post(TestUser.fresh(), """
            {"events":[
              {"name":"screen.view","timestamp":"2026-11-25T09:30:00Z","properties":{"ok":1}},
              {"name":"app.open","timestamp":"2026-11-25T09:31:00Z","properties":{"nested":{"a":1},"list":[1],"nothing":null,"long":"%s"}}
            ]}""".formatted("x".repeat(257)));

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("events[1].properties.list", "events[1].properties.long", "events[1].properties.nested",
            "events[1].properties.nothing"), fields(response.getBody()));
        assertEquals(0, kinesis.calls());
    }

    @Test
    void countsStringLengthsInCodePoints() {
        // 256 emoji: 512 UTF-16 units, 256 code points: allowed
        var response = post(TestUser.fresh(), """
            {"events":[{"name":"mood","timestamp":"2026-11-25T09:30:00Z","properties":{"mood":"%s"}}]}"""
            .formatted("\uD83D\uDE00".repeat(256)));

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(1, kinesis.received().size());
    }

    @Test
    void refusesMoreThanOneHundredEventsNamingTheBatch() {
        var response = post(TestUser.fresh(), batch(101));

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("events"), fields(response.getBody()));
        assertEquals(0, kinesis.calls());
    }

    @Test
    void acceptsOneHundredEvents() {
        var response = post(TestUser.fresh(), batch(100));

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(100, kinesis.received().size());
        assertEquals(1, kinesis.calls());
    }

    @Test
    void refusesAnEmptyBatch() {
        var response = post(TestUser.fresh(), "{\"events\":[]}");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("events"), fields(response.getBody()));
    }

    @Test
    void refusesABodyOverSixtyFourKibibytesWith413() {
        var response = post(TestUser.fresh(), """
            {"events":[{"name":"a","timestamp":"2026-11-25T09:30:00Z","properties":{"p":"%s"}}]}""".formatted("x".repeat(70_000)));

        assertEquals(413, response.getStatusCode(), response.getBody());
        assertEquals(0, kinesis.calls());
    }

    @Test
    void sendsOnlyTheRefusedRecordsAgainUntilKinesisTakesThem() {
        // the first call refuses the events of a "hot" shard; the second takes them
        List<String> refusedOnce = new ArrayList<>();
        kinesis.refuseRecords(record -> record.text().contains("\"hot\":true") && !refusedOnce.contains(record.text())
            && refusedOnce.add(record.text()));

        var response = post(TestUser.fresh(), """
            {"events":[
              {"name":"a","timestamp":"2026-11-25T09:30:00Z","properties":{"hot":true}},
              {"name":"b","timestamp":"2026-11-25T09:30:01Z"},
              {"name":"c","timestamp":"2026-11-25T09:30:02Z","properties":{"hot":true}}
            ]}""");

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(2, kinesis.calls());
        assertEquals(List.of("b", "a", "c"), names(kinesis.received()), "each event exactly once");
    }

    @Test
    void answers503WithRetryAfterWhenKinesisKeepsRefusingRecords() {
        kinesis.refuseRecords(record -> record.text().contains("\"name\":\"b\""));

        var response = post(TestUser.fresh(), """
            {"events":[{"name":"a","timestamp":"2026-11-25T09:30:00Z"},{"name":"b","timestamp":"2026-11-25T09:30:01Z"}]}""");

        assertEquals(503, response.getStatusCode(), response.getBody());
        assertEquals("5", header(response, "Retry-After"));
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertFalse(response.getBody().contains("Exception"), response.getBody());
        assertEquals(3, kinesis.calls(), "analytics.put-attempts calls in all");
        assertEquals(List.of("a"), names(kinesis.received()));
    }

    @Test
    void answers503WhenKinesisFailsTheCalls() {
        kinesis.refuseCalls(true);

        var response = post(TestUser.fresh(), batch(2));

        assertEquals(503, response.getStatusCode(), response.getBody());
        assertEquals("5", header(response, "Retry-After"));
        assertEquals(List.of(), kinesis.received());
    }

    @Test
    void refusesARequestWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/events").json(batch(1)).build());

        assertEquals(401, response.getStatusCode());
        assertEquals(0, kinesis.calls());
    }

    private static APIGatewayProxyResponseEvent post(TestUser user, String body) {
        return function.handle(ApiGatewayEvents.request("POST", "/events").bearer(user.token()).json(body).build());
    }

    private static String batch(int size) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < size; i++) {
            events.append(i == 0 ? "" : ",").append("{\"name\":\"screen.view\",\"timestamp\":\"2026-11-25T09:30:00Z\",\"properties\":{\"n\":")
                .append(i).append("}}");
        }
        return "{\"events\":[" + events + "]}";
    }

    private static List<String> names(List<KinesisStandIn.Record> records) {
        return records.stream().map(record -> (String) function.readMap(record.text()).get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(String body) {
        var errors = (List<Map<String, Object>>) function.readMap(body).get("errors");
        return errors.stream().map(e -> (String) e.get("field")).sorted().toList();
    }

    /** The pseudonymous id as the design says: HMAC-SHA256 of the sub under the key, base64url without padding. */
    private static String hmac(String sub) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sub.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
