package app.mobilebackend.orders;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An order as stored: one row of {@code orders}, owned by the user whose {@code sub} it carries. The idempotency key
 * is unique per owner; {@code requestHash} identifies the normalised request that placed the order.
 */
@MappedEntity("orders")
public record OrderRow(
    @Id String id,
    String ownerSub,
    String status,
    long totalMinor,
    String currency,
    String idempotencyKey,
    String requestHash,
    Instant createdAt,
    Instant updatedAt,
    long version) {
}
