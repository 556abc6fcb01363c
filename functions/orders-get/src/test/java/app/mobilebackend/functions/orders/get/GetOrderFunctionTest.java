package app.mobilebackend.functions.orders.get;

import app.mobilebackend.api.model.Order;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.api.model.OrderStatus;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class GetOrderFunctionTest {

    private static LocalFunction function;
    private static OrderService orders;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        orders = function.context().getBean(OrderService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void answersTheCallersOrder() {
        TestUser user = TestUser.fresh();
        Order placed = place(user.sub());

        var response = function.handle(ApiGatewayEvents.request("GET", "/orders/" + placed.getId()).bearer(user.token()).build());

        assertEquals(200, response.getStatusCode());
        Order order = function.read(response.getBody(), Order.class);
        assertEquals(placed.getId(), order.getId());
        assertEquals(OrderStatus.PLACED, order.getStatus());
        assertEquals("Oolong tea, 50 g", order.getLines().get(0).getName());
        assertEquals(1240L, order.getTotal().getAmountMinor());
    }

    @Test
    void answersNotFoundForAnotherUsersOrder() {
        Order hers = place(TestUser.fresh().sub());

        var response = function.handle(ApiGatewayEvents.request("GET", "/orders/" + hers.getId())
            .bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertFalse(response.getBody().contains("Oolong"), response.getBody());
    }

    @Test
    void answersNotFoundForAnUnknownId() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/orders/01937b00-aa00-7d1e-9c20-1a2b3c4d5e6f")
            .bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    private static Order place(String sub) {
        return orders.place(sub, "key", new OrderCreate(List.of(new OrderLineCreate("TEA-OOLONG-50", 2)))).order();
    }
}
