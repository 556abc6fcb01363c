package app.mobilebackend.orders;

import app.mobilebackend.api.model.OrderStatus;
import app.mobilebackend.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Moves orders along as downstream services report (fulfilment's {@code OrderStatusUpdated}). An order only moves
 * forward: PLACED, CONFIRMED, SHIPPED, DELIVERED, where a step may be skipped (events arrive in any order: SHIPPED
 * before CONFIRMED moves the order to SHIPPED, and the late CONFIRMED is then stale); CANCELLED only from PLACED or
 * CONFIRMED. DELIVERED and CANCELLED are final. Each change commits with its {@code OrderStatusChanged} events: one for
 * the EventBridge bus, one push notification to the owner's devices.
 */
@Singleton
public final class OrderStatusService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderStatusService.class);
    private static final List<OrderStatus> FORWARD = List.of(
        OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    private static final Map<OrderStatus, String> TITLES = Map.of(
        OrderStatus.CONFIRMED, "Order confirmed",
        OrderStatus.SHIPPED, "Order shipped",
        OrderStatus.DELIVERED, "Order delivered",
        OrderStatus.CANCELLED, "Order cancelled",
        OrderStatus.PLACED, "Order received");

    private final OrderRepository orders;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    OrderStatusService(OrderRepository orders, Outbox outbox, TransactionOperations<Connection> transactions, Clock clock) {
        this.orders = orders;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What became of a status update. */
    public enum Outcome {
        /** The order moved to the new status; its events are in the outbox. */
        CHANGED,
        /** The order already had this status (a redelivery): nothing changed. */
        UNCHANGED,
        /** No order has this id: dropped. */
        UNKNOWN_ORDER,
        /** The order cannot move from its status to this one: dropped. */
        INVALID_TRANSITION
    }

    public Outcome update(String orderId, OrderStatus target) {
        return transactions.executeWrite(status -> {
            OrderRow order = orders.findByIdForUpdate(orderId).orElse(null);
            if (order == null) {
                LOG.warn("Status update {} for unknown order {}: dropped", target, orderId);
                return Outcome.UNKNOWN_ORDER;
            }
            OrderStatus current = OrderStatus.fromValue(order.status());
            if (current == target) {
                LOG.info("Order {} is already {}: nothing to do", orderId, target);
                return Outcome.UNCHANGED;
            }
            if (!allowed(current, target)) {
                LOG.warn("Order {} cannot move from {} to {}: dropped", orderId, current, target);
                return Outcome.INVALID_TRANSITION;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            orders.updateStatus(orderId, target.getValue(), now);
            String owner = order.ownerSub();
            outbox.append(Outbox.EVENTBRIDGE, OrderEventDetail.ORDER_STATUS_CHANGED, owner, now, eventId -> new OrderEventDetail(
                eventId, OrderEventDetail.ORDER_STATUS_CHANGED, orderId, owner, target.getValue(), current.getValue(),
                null, null, now.toString()));
            outbox.append(Outbox.PUSH, OrderEventDetail.ORDER_STATUS_CHANGED, owner, now, eventId -> new PushMessage(
                TITLES.get(target), "Your order is now " + target.getValue().toLowerCase() + ".",
                Map.of("orderId", orderId, "status", target.getValue())));
            LOG.info("Order {} moved from {} to {}", orderId, current, target);
            return Outcome.CHANGED;
        });
    }

    static boolean allowed(OrderStatus from, OrderStatus to) {
        if (to == OrderStatus.CANCELLED) {
            return from == OrderStatus.PLACED || from == OrderStatus.CONFIRMED;
        }
        int fromStep = FORWARD.indexOf(from);
        int toStep = FORWARD.indexOf(to);
        return fromStep >= 0 && toStep > fromStep;
    }
}
