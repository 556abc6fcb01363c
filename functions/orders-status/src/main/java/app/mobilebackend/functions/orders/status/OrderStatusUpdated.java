package app.mobilebackend.functions.orders.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The EventBridge event this function consumes (the envelope's fields it reads): source {@code fulfilment},
 * detail-type {@code OrderStatusUpdated}, detail {@code {"orderId": ..., "status": ...}}.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderStatusUpdated(
    @Nullable String id,
    @Nullable String source,
    @Nullable @JsonProperty("detail-type") String detailType,
    @Nullable Detail detail) {

    public static final String SOURCE = "fulfilment";
    public static final String DETAIL_TYPE = "OrderStatusUpdated";

    /** Which order, and its new status (an {@code OrderStatus} value). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(@Nullable String orderId, @Nullable String status) {
    }
}
