package app.mobilebackend.outbox;

import java.time.Instant;

/**
 * An event committed in the same transaction as the change it reports, waiting in the outbox until a relay has
 * published it. {@code id} is stable across redeliveries: consumers deduplicate by it.
 *
 * @param id          the event's id (a UUID), also the id consumers see
 * @param destination who publishes it: {@link OutboxPublisher#destination()}
 * @param type        what happened, e.g. {@code OrderPlaced}, {@code OrderStatusChanged}
 * @param userId      the subject the event concerns (for push: whose devices to notify)
 * @param payload     the event's JSON document
 * @param createdAt   when the change committed
 */
public record OutboxEvent(String id, String destination, String type, String userId, String payload, Instant createdAt) {
}
