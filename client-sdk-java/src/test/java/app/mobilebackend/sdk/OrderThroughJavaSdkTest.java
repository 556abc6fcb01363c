package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.OrdersApi;
import app.mobilebackend.sdk.model.FieldError;
import app.mobilebackend.sdk.model.Order;
import app.mobilebackend.sdk.model.OrderCreate;
import app.mobilebackend.sdk.model.OrderLineCreate;
import app.mobilebackend.sdk.model.OrderPage;
import app.mobilebackend.sdk.model.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Placing an order exactly once per idempotency key, driven through the generated Java SDK against the dev server. */
class OrderThroughJavaSdkTest extends DevServerTestBase {

    @Test
    void placesAnOrderReplaysItForTheSameKeyAndListsAndGetsIt() throws Exception {
        OrdersApi orders = new OrdersApi(clientFor(newSub()));
        String key = UUID.randomUUID().toString();
        OrderCreate request = new OrderCreate()
            .addLinesItem(new OrderLineCreate().sku("TEA-GREEN-100").quantity(2))
            .addLinesItem(new OrderLineCreate().sku("KETTLE-GOOSENECK").quantity(1));

        ApiResponse<Order> placed = orders.createOrderWithHttpInfo(key, request);
        assertEquals(201, placed.getStatusCode());
        Order order = placed.getData();
        assertEquals(OrderStatus.PLACED, order.getStatus());
        assertEquals(5890L, order.getTotal().getAmountMinor());
        assertEquals("EUR", order.getTotal().getCurrency());
        assertEquals("Gooseneck kettle, 0.8 l", order.getLines().get(1).getName());
        assertEquals(List.of("/orders/" + order.getId()), placed.getHeaders().get("Location"));
        assertNull(placed.getHeaders().get("Idempotent-Replayed"));

        // the app lost the answer and retries with the same key
        ApiResponse<Order> replayed = orders.createOrderWithHttpInfo(key, request);
        assertEquals(201, replayed.getStatusCode());
        assertEquals(List.of("true"), replayed.getHeaders().get("Idempotent-Replayed"));
        assertEquals(order, replayed.getData());

        OrderPage page = orders.listOrders(20, null);
        assertEquals(List.of(order), page.getItems());
        assertNull(page.getNextCursor());
        assertEquals(order, orders.getOrder(order.getId()));
    }

    @Test
    void answersConflictForAReusedKeyAndUnprocessableForAnUnknownSku() throws Exception {
        OrdersApi orders = new OrdersApi(clientFor(newSub()));
        String key = UUID.randomUUID().toString();
        orders.createOrder(key, new OrderCreate().addLinesItem(new OrderLineCreate().sku("TEA-BLACK-100").quantity(1)));

        ApiException conflict = assertThrows(ApiException.class, () ->
            orders.createOrder(key, new OrderCreate().addLinesItem(new OrderLineCreate().sku("TEA-BLACK-100").quantity(5))));
        assertEquals(409, conflict.getCode());
        assertEquals("Idempotency-Key " + key + " was used for another request.", problemOf(conflict).getDetail());

        ApiException unknown = assertThrows(ApiException.class, () -> orders.createOrder(UUID.randomUUID().toString(),
            new OrderCreate().addLinesItem(new OrderLineCreate().sku("TEA-BLACK-100").quantity(1))
                .addLinesItem(new OrderLineCreate().sku("TEA-BLACK-999").quantity(1))));
        assertEquals(422, unknown.getCode());
        assertEquals(List.of(new FieldError().field("lines[1].sku").message("no product with sku TEA-BLACK-999")),
            problemOf(unknown).getErrors());
        assertEquals(1, orders.listOrders(null, null).getItems().size());
    }
}
