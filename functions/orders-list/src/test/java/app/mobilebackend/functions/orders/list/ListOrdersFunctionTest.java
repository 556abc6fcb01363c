package app.mobilebackend.functions.orders.list;

import app.mobilebackend.api.model.Order;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.api.model.OrderPage;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListOrdersFunctionTest {

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
    void pagesThroughOrdersOldestFirst() {
        TestUser user = TestUser.fresh();
        List<String> placed = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            placed.add(place(user.sub(), "key-" + i, i).getId());
        }
        place(TestUser.fresh().sub(), "key-1", 1); // someone else's

        OrderPage first = list(user, 2, null);
        assertEquals(placed.subList(0, 2), first.getItems().stream().map(Order::getId).toList());
        assertNotNull(first.getNextCursor());
        OrderPage second = list(user, 2, first.getNextCursor());
        assertEquals(placed.subList(2, 3), second.getItems().stream().map(Order::getId).toList());
        assertNull(second.getNextCursor());
        assertEquals(3, second.getItems().get(0).getLines().get(0).getQuantity());
        assertEquals(1350L, second.getItems().get(0).getTotal().getAmountMinor());
    }

    @Test
    void answersAnEmptyPageWithItemsForANewUser() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/orders").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        assertEquals("{\"items\":[]}", response.getBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "cursor=%%%not-a-cursor"})
    void rejectsBadPagingWithBadRequest(String query) {
        String[] pair = query.split("=", 2);
        var response = function.handle(ApiGatewayEvents.request("GET", "/orders").bearer(TestUser.fresh().token())
            .query(pair[0], pair[1]).build());

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void requiresAToken() {
        assertEquals(401, function.handle(ApiGatewayEvents.request("GET", "/orders").build()).getStatusCode());
    }

    private static OrderPage list(TestUser user, int limit, String cursor) {
        var request = ApiGatewayEvents.request("GET", "/orders").bearer(user.token()).query("limit", String.valueOf(limit));
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        var response = function.handle(request.build());
        assertEquals(200, response.getStatusCode(), response.getBody());
        return function.read(response.getBody(), OrderPage.class);
    }

    private static Order place(String sub, String key, int quantity) {
        Order order = orders.place(sub, key, new OrderCreate(List.of(new OrderLineCreate("TEA-GREEN-100", quantity)))).order();
        assertTrue(order.getId() != null);
        return order;
    }
}
