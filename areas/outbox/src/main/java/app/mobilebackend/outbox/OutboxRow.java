package app.mobilebackend.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An outbox row: an event and, once a publisher confirmed it, when it was published. */
@MappedEntity("outbox")
public record OutboxRow(
    @Id String id,
    String destination,
    String type,
    String userId,
    String payload,
    Instant createdAt,
    @Nullable Instant publishedAt,
    int attempts,
    @Nullable String lastError) {

    OutboxEvent toEvent() {
        return new OutboxEvent(id, destination, type, userId, payload, createdAt);
    }
}
