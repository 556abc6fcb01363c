package app.mobilebackend.orders;

import app.mobilebackend.api.model.Money;
import app.mobilebackend.api.model.OrderLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The {@code detail} of the events orders put on the EventBridge bus (source {@code mobile-backend.orders},
 * detail-type = {@code type}). A fixed contract with downstream consumers: {@code eventId} is the same on every
 * redelivery, for them to deduplicate; {@code lines} and {@code total} come with {@code OrderPlaced} only,
 * {@code previousStatus} with {@code OrderStatusChanged} only.
 */
@Serdeable
public record OrderEventDetail(
    String eventId,
    String type,
    String orderId,
    String userId,
    String status,
    @Nullable String previousStatus,
    @Nullable List<OrderLine> lines,
    @Nullable Money total,
    String occurredAt) {

    public static final String ORDER_PLACED = "OrderPlaced";
    public static final String ORDER_STATUS_CHANGED = "OrderStatusChanged";
}
