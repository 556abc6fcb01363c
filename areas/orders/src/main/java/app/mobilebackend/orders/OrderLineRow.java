package app.mobilebackend.orders;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A line of an order, priced from the catalog when the order was placed. */
@MappedEntity("order_lines")
public record OrderLineRow(
    @Id String id,
    String orderId,
    int lineNo,
    String sku,
    String name,
    int quantity,
    long unitPriceMinor,
    String currency) {
}
