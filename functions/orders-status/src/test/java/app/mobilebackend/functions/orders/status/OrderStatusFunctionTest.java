package app.mobilebackend.functions.orders.status;

import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.api.model.OrderStatus;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.outbox.OutboxRepository;
import app.mobilebackend.outbox.OutboxRow;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestUser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OrderStatusFunctionTest {

    private static OrderStatusFunction function;
    private static OrderService orders;
    private static OutboxRepository outbox;
    private static JsonMapper json;

    @BeforeAll
    static void startHandler() {
        function = new OrderStatusFunction(ApplicationContext.builder().properties(FunctionEnvironment.properties()).build());
        orders = function.getApplicationContext().getBean(OrderService.class);
        outbox = function.getApplicationContext().getBean(OutboxRepository.class);
        json = function.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void movesTheOrderOnAndCommitsItsStatusChangedEvents() throws IOException {
        TestUser user = TestUser.fresh();
        String orderId = place(user);

        assertEquals("CHANGED", handle(event("fulfilment", "OrderStatusUpdated", orderId, "CONFIRMED")));

        assertEquals(OrderStatus.CONFIRMED, orders.get(user.sub(), orderId).getStatus());
        List<OutboxRow> changed = statusChanged(user);
        OutboxRow bus = changed.stream().filter(e -> e.destination().equals("eventbridge")).findFirst().orElseThrow();
        Map<String, Object> detail = json.readValue(bus.payload(), Argument.mapOf(String.class, Object.class));
        assertEquals(bus.id(), detail.get("eventId"));
        assertEquals("OrderStatusChanged", detail.get("type"));
        assertEquals(orderId, detail.get("orderId"));
        assertEquals(user.sub(), detail.get("userId"));
        assertEquals("CONFIRMED", detail.get("status"));
        assertEquals("PLACED", detail.get("previousStatus"));
        assertFalse(detail.containsKey("lines"));
        OutboxRow push = changed.stream().filter(e -> e.destination().equals("push")).findFirst().orElseThrow();
        assertEquals(user.sub(), push.userId());
        Map<String, Object> message = json.readValue(push.payload(), Argument.mapOf(String.class, Object.class));
        assertEquals("Order confirmed", message.get("title"));
        assertEquals(Map.of("orderId", orderId, "status", "CONFIRMED"), message.get("data"));
        assertEquals(2, changed.size());
    }

    @Test
    void treatsARedeliveryAsANoOp() {
        TestUser user = TestUser.fresh();
        String orderId = place(user);
        handle(event("fulfilment", "OrderStatusUpdated", orderId, "CONFIRMED"));
        var confirmedAt = orders.get(user.sub(), orderId).getUpdatedAt();

        assertEquals("UNCHANGED", handle(event("fulfilment", "OrderStatusUpdated", orderId, "CONFIRMED")));

        assertEquals(2, statusChanged(user).size());
        assertEquals(confirmedAt, orders.get(user.sub(), orderId).getUpdatedAt());
    }

    @ParameterizedTest
    @CsvSource({
        "CONFIRMED, SHIPPED, CHANGED",
        "PLACED, SHIPPED, CHANGED",
        "PLACED, DELIVERED, CHANGED",
        "PLACED, CANCELLED, CHANGED",
        "CONFIRMED, CANCELLED, CHANGED",
        "SHIPPED, CONFIRMED, INVALID_TRANSITION",
        "SHIPPED, CANCELLED, INVALID_TRANSITION",
        "DELIVERED, CANCELLED, INVALID_TRANSITION",
        "CANCELLED, CONFIRMED, INVALID_TRANSITION",
        "CONFIRMED, PLACED, INVALID_TRANSITION"})
    void movesOnlyForwardOrToCancelledBeforeShipping(String from, String to, String outcome) {
        TestUser user = TestUser.fresh();
        String orderId = place(user);
        if (!from.equals("PLACED")) {
            assertEquals("CHANGED", handle(event("fulfilment", "OrderStatusUpdated", orderId, from)));
        }
        int eventsBefore = statusChanged(user).size();

        assertEquals(outcome, handle(event("fulfilment", "OrderStatusUpdated", orderId, to)));

        boolean changed = outcome.equals("CHANGED");
        assertEquals(changed ? to : from, orders.get(user.sub(), orderId).getStatus().getValue());
        assertEquals(eventsBefore + (changed ? 2 : 0), statusChanged(user).size());
    }

    @Test
    void dropsAnUpdateForAnUnknownOrder() {
        assertEquals("UNKNOWN_ORDER", handle(event("fulfilment", "OrderStatusUpdated", UUID.randomUUID().toString(), "SHIPPED")));
    }

    @Test
    void ignoresEventsThatAreNotStatusUpdates() {
        TestUser user = TestUser.fresh();
        String orderId = place(user);

        assertEquals("IGNORED", handle(event("someone-else", "OrderStatusUpdated", orderId, "SHIPPED")));
        assertEquals("IGNORED", handle(event("fulfilment", "SomethingElse", orderId, "SHIPPED")));
        assertEquals("IGNORED", handle(event("fulfilment", "OrderStatusUpdated", orderId, "LOST")));
        assertEquals("IGNORED", handle(Map.of("detail-type", "OrderStatusUpdated", "source", "fulfilment")));

        assertEquals(OrderStatus.PLACED, orders.get(user.sub(), orderId).getStatus());
    }

    private static String handle(Map<String, Object> event) {
        return (String) function.handleRequest(event, new MockLambdaContext()).get("outcome");
    }

    /** An EventBridge event as Lambda receives it (the envelope EventBridge documents), parsed as the runtime parses it. */
    private static Map<String, Object> event(String source, String detailType, String orderId, String status) {
        String text = """
            {
              "version": "0",
              "id": "%s",
              "detail-type": "%s",
              "source": "%s",
              "account": "123456789012",
              "time": "2026-11-26T14:02:00Z",
              "region": "eu-west-1",
              "resources": [],
              "detail": {"orderId": "%s", "status": "%s", "carrier": "DHL"}
            }""".formatted(UUID.randomUUID(), detailType, source, orderId, status);
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String place(TestUser user) {
        return orders.place(user.sub(), UUID.randomUUID().toString(),
            new OrderCreate(List.of(new OrderLineCreate("TEA-BLACK-100", 1)))).order().getId();
    }

    private static List<OutboxRow> statusChanged(TestUser user) {
        return outbox.findByUserIdOrderByCreatedAt(user.sub()).stream().filter(e -> e.type().equals("OrderStatusChanged")).toList();
    }
}
