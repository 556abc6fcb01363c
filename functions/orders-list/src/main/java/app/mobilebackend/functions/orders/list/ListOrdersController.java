package app.mobilebackend.functions.orders.list;

import app.mobilebackend.api.OrdersListApi;
import app.mobilebackend.api.model.OrderPage;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.orders.OrderService;
import io.micronaut.http.annotation.Controller;

/** Serves listOrders: one page of the caller's orders, oldest first. */
@Controller
public class ListOrdersController implements OrdersListApi {

    private static final int DEFAULT_LIMIT = 20;

    private final OrderService orders;
    private final CurrentUser user;

    ListOrdersController(OrderService orders, CurrentUser user) {
        this.orders = orders;
        this.user = user;
    }

    @Override
    public OrderPage listOrders(Integer limit, String cursor) {
        return orders.list(user.sub(), limit == null ? DEFAULT_LIMIT : limit, cursor);
    }
}
