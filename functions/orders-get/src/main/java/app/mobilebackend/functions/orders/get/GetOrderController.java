package app.mobilebackend.functions.orders.get;

import app.mobilebackend.api.OrdersGetApi;
import app.mobilebackend.api.model.Order;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.orders.OrderService;
import io.micronaut.http.annotation.Controller;

/** Serves getOrder: one of the caller's orders; another user's answers 404. */
@Controller
public class GetOrderController implements OrdersGetApi {

    private final OrderService orders;
    private final CurrentUser user;

    GetOrderController(OrderService orders, CurrentUser user) {
        this.orders = orders;
        this.user = user;
    }

    @Override
    public Order getOrder(String orderId) {
        return orders.get(user.sub(), orderId);
    }
}
