package app.mobilebackend.functions.outbox.relay;

import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.localstack.aws.EventBridgeStandIn;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.outbox.EventSources;
import app.mobilebackend.outbox.Outbox;
import app.mobilebackend.outbox.OutboxRepository;
import app.mobilebackend.outbox.OutboxRow;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestUser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxRelayFunctionTest {

    private static final String BUS = "mobile-backend-test";

    private static EventBridgeStandIn eventBridge;
    private static OutboxRelayFunction relay;
    private static OrderService orders;
    private static OutboxRepository outbox;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        eventBridge = EventBridgeStandIn.start();
        relay = newRelay(Map.of());
        orders = relay.getApplicationContext().getBean(OrderService.class);
        outbox = relay.getApplicationContext().getBean(OutboxRepository.class);
        json = relay.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        relay.close();
        eventBridge.close();
    }

    @AfterEach
    void healEventBridge() {
        eventBridge.refuseCalls(false).refuseEntries(entry -> false);
    }

    @Test
    void publishesEachPendingEventOnceWithItsOutboxIdAsEventId() {
        TestUser user = TestUser.fresh();
        String orderId = place(user, 2);

        Map<String, Object> report = run(relay);
        run(relay);

        List<EventBridgeStandIn.Entry> received = receivedFor(user);
        assertEquals(1, received.size());
        EventBridgeStandIn.Entry entry = received.get(0);
        assertEquals(BUS, entry.eventBusName());
        assertEquals("mobile-backend.orders", entry.source());
        assertEquals("OrderPlaced", entry.detailType());
        Map<String, Object> detail = detail(entry);
        assertEquals(orderId, detail.get("orderId"));
        OutboxRow row = busRows(user).get(0);
        assertEquals(row.id(), detail.get("eventId"));
        assertNotNull(row.publishedAt());
        assertEquals(1, row.attempts());
        assertTrue(((Number) report.get("published")).intValue() >= 1, report.toString());
    }

    @Test
    void publishesAnIdentityEventUnderTheIdentitySource() {
        TestUser user = TestUser.fresh();
        @SuppressWarnings("unchecked")
        TransactionOperations<java.sql.Connection> transactions = relay.getApplicationContext().getBean(TransactionOperations.class);
        Outbox appender = relay.getApplicationContext().getBean(Outbox.class);
        transactions.executeWrite(status -> appender.append(Outbox.EVENTBRIDGE, EventSources.WELCOME_MAIL_REQUESTED,
            user.sub(), java.time.Instant.now(), eventId -> Map.of("eventId", eventId, "userId", user.sub(), "email", "a@example.com")));

        run(relay);

        List<EventBridgeStandIn.Entry> received = receivedFor(user);
        assertEquals(1, received.size());
        // the welcome-mail function's rule matches this source and type; the orders' consumers never see it
        assertEquals("mobile-backend.identity", received.get(0).source());
        assertEquals("WelcomeMailRequested", received.get(0).detailType());
    }

    @Test
    void retriesOnlyTheEntriesEventBridgeRefused() {
        TestUser user = TestUser.fresh();
        String first = place(user, 1);
        String refused = place(user, 2);
        String third = place(user, 3);
        eventBridge.refuseEntries(entry -> entry.detail().contains(refused));

        run(relay);

        assertEquals(Set.of(first, third), orderIds(receivedFor(user)));
        OutboxRow pending = rowOf(user, refused);
        assertNull(pending.publishedAt());
        assertEquals(1, pending.attempts());
        assertNotNull(pending.lastError());

        eventBridge.refuseEntries(entry -> false);
        run(relay);

        Map<String, Long> times = receivedFor(user).stream()
            .collect(Collectors.groupingBy(e -> (String) detail(e).get("orderId"), Collectors.counting()));
        assertEquals(Map.of(first, 1L, refused, 1L, third, 1L), times);
        assertNotNull(rowOf(user, refused).publishedAt());
        assertEquals(2, rowOf(user, refused).attempts());
    }

    @Test
    void keepsEverythingPendingWhenEventBridgeIsDownAndPublishesOnTheNextRun() {
        TestUser user = TestUser.fresh();
        String orderId = place(user, 1);
        eventBridge.refuseCalls(true);

        Map<String, Object> report = run(relay);

        assertTrue(receivedFor(user).isEmpty());
        assertTrue(((Number) report.get("failed")).intValue() >= 1, report.toString());
        OutboxRow row = busRows(user).get(0);
        assertNull(row.publishedAt());
        assertNotNull(row.lastError());

        eventBridge.refuseCalls(false);
        run(relay);

        assertEquals(Set.of(orderId), orderIds(receivedFor(user)));
        assertNotNull(busRows(user).get(0).publishedAt());
    }

    @Test
    void republishesWithTheSameIdsWhenTheRelayDiesBetweenPublishingAndMarkingAndSkipsNothing() {
        TestUser user = TestUser.fresh();
        List<String> placed = new ArrayList<>();
        for (int i = 1; i <= 12; i++) { // more than one batch (PutEvents takes 10)
            placed.add(place(user, i));
        }

        try (OutboxRelayFunction dying = newRelay(Map.of("test.crash-after-publishing", "true"))) {
            assertThrows(CrashAfterPublishing.Crash.class, () -> dying.handleRequest(Map.of(), new MockLambdaContext()));
        }
        List<EventBridgeStandIn.Entry> beforeRestart = receivedFor(user);
        assertTrue(!beforeRestart.isEmpty(), "the first batch went out before the crash");
        // the crash rolled the batch's transaction back: still pending, as if never tried
        busRows(user).forEach(row -> {
            assertNull(row.publishedAt());
            assertEquals(0, row.attempts());
        });

        try (OutboxRelayFunction restarted = newRelay(Map.of())) {
            run(restarted);
        }

        Map<String, String> eventIdByOrder = busRows(user).stream()
            .collect(Collectors.toMap(row -> (String) parse(row.payload()).get("orderId"), OutboxRow::id));
        busRows(user).forEach(row -> assertNotNull(row.publishedAt(), row.id()));
        List<EventBridgeStandIn.Entry> all = receivedFor(user);
        assertEquals(Set.copyOf(placed), orderIds(all), "every order's event arrived");
        for (EventBridgeStandIn.Entry early : beforeRestart) {
            Map<String, Object> detail = detail(early);
            assertEquals(eventIdByOrder.get((String) detail.get("orderId")), detail.get("eventId"));
            long copies = all.stream().filter(e -> detail(e).get("eventId").equals(detail.get("eventId"))).count();
            assertEquals(2, copies, "published before the crash and again after the restart, with the same eventId");
        }
    }

    @Test
    void twoRelaysRunningAtOncePublishEachEventOnce() throws Exception {
        TestUser user = TestUser.fresh();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (OutboxRelayFunction other = newRelay(Map.of())) {
            run(other); // warm, so both start draining at the same moment
            run(relay);
            List<String> placed = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                placed.add(place(user, 1 + i % 9));
            }
            List<Future<Map<String, Object>>> runs = List.of(pool.submit(() -> run(relay)), pool.submit(() -> run(other)));
            for (Future<Map<String, Object>> done : runs) {
                done.get(60, TimeUnit.SECONDS);
            }

            List<EventBridgeStandIn.Entry> received = receivedFor(user);
            assertEquals(30, received.size());
            assertEquals(Set.copyOf(placed), orderIds(received));
            assertEquals(30, received.stream().map(e -> detail(e).get("eventId")).distinct().count());
        } finally {
            pool.shutdownNow();
        }
    }

    private static OutboxRelayFunction newRelay(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.put("events.bus-name", BUS);
        properties.put("aws.eventbridge.endpoint", eventBridge.endpoint());
        properties.putAll(overrides);
        return new OutboxRelayFunction(ApplicationContext.builder().properties(properties).build());
    }

    private static Map<String, Object> run(OutboxRelayFunction function) {
        return function.handleRequest(Map.of("source", "aws.scheduler", "detail-type", "Scheduled Event"), new MockLambdaContext());
    }

    private static String place(TestUser user, int quantity) {
        return orders.place(user.sub(), UUID.randomUUID().toString(),
            new OrderCreate(List.of(new OrderLineCreate("TEA-GREEN-100", quantity)))).order().getId();
    }

    private static List<EventBridgeStandIn.Entry> receivedFor(TestUser user) {
        return eventBridge.received().stream().filter(e -> user.sub().equals(detail(e).get("userId"))).toList();
    }

    private static List<OutboxRow> busRows(TestUser user) {
        return outbox.findByUserIdOrderByCreatedAt(user.sub()).stream().filter(r -> r.destination().equals("eventbridge")).toList();
    }

    private static OutboxRow rowOf(TestUser user, String orderId) {
        return busRows(user).stream().filter(r -> r.payload().contains(orderId)).findFirst().orElseThrow();
    }

    private static Set<String> orderIds(List<EventBridgeStandIn.Entry> entries) {
        return entries.stream().map(e -> (String) detail(e).get("orderId")).collect(Collectors.toSet());
    }

    private static Map<String, Object> detail(EventBridgeStandIn.Entry entry) {
        return parse(entry.detail());
    }

    private static Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
