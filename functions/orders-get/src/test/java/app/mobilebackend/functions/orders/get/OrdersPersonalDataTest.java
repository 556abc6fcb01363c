package app.mobilebackend.functions.orders.get;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.Order;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.orders.OrdersPersonalData;
import app.mobilebackend.outbox.OutboxRepository;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Orders' share of the GDPR export and erasure. */
class OrdersPersonalDataTest {

    private static LocalFunction function;
    private static OrderService orders;
    private static OrdersPersonalData personalData;
    private static OutboxRepository outbox;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        orders = function.context().getBean(OrderService.class);
        personalData = function.context().getBean(OrdersPersonalData.class);
        outbox = function.context().getBean(OutboxRepository.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void exportsEveryOrderOfTheUserWithItsLines() {
        TestUser user = TestUser.fresh();
        Order first = place(user, "k1", "TEA-GREEN-100");
        Order second = place(user, "k2", "MUG-STONE-300");
        place(TestUser.fresh(), "k1", "TEA-BLACK-100");

        DataExport export = new DataExport(user.sub(), OffsetDateTime.now(), List.of(), null, List.of(), List.of(), List.of());
        personalData.export(user.sub(), export);

        assertEquals(List.of(first, second), export.getOrders());
        assertEquals("Stoneware mug, 300 ml", export.getOrders().get(1).getLines().get(0).getName());
    }

    @Test
    void erasesTheUsersOrdersIdempotentlyLeavingOthersAndPendingEventsAlone() {
        TestUser user = TestUser.fresh();
        TestUser other = TestUser.fresh();
        Order erased = place(user, "k1", "TEA-GREEN-100");
        Order kept = place(other, "k1", "TEA-GREEN-100");
        int events = outbox.findByUserIdOrderByCreatedAt(user.sub()).size();

        personalData.erase(user.sub());
        personalData.erase(user.sub());

        assertTrue(orders.all(user.sub()).isEmpty());
        assertEquals(404, function.handle(ApiGatewayEvents.request("GET", "/orders/" + erased.getId())
            .bearer(user.token()).build()).getStatusCode());
        assertEquals(List.of(kept), orders.all(other.sub()));
        assertEquals(events, outbox.findByUserIdOrderByCreatedAt(user.sub()).size(), "downstream still hears of the order");
    }

    private static Order place(TestUser user, String key, String sku) {
        return orders.place(user.sub(), key, new OrderCreate(List.of(new OrderLineCreate(sku, 1)))).order();
    }
}
