package app.mobilebackend.functions.orders.create;

import app.mobilebackend.api.OrdersCreateApi;
import app.mobilebackend.api.model.Order;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.orders.OrderService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;

import java.net.URI;

/** Serves createOrder: 201 with the order and its {@code Location}; a replayed key adds {@code Idempotent-Replayed: true}. */
@Controller
public class CreateOrderController implements OrdersCreateApi {

    static final String REPLAYED = "Idempotent-Replayed";

    private final OrderService orders;
    private final CurrentUser user;

    CreateOrderController(OrderService orders, CurrentUser user) {
        this.orders = orders;
        this.user = user;
    }

    @Override
    public HttpResponse<Order> createOrder(String idempotencyKey, OrderCreate orderCreate) {
        OrderService.Placement placement = orders.place(user.sub(), idempotencyKey, orderCreate);
        Order order = placement.order();
        MutableHttpResponse<Order> response = HttpResponse.created(order, URI.create("/orders/" + order.getId()));
        return placement.replayed() ? response.header(REPLAYED, "true") : response;
    }
}
