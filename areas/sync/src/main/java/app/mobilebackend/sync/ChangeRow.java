package app.mobilebackend.sync;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** The latest change of one entity of a user's: its seq, whether it deleted the entity, the version it left. */
@Introspected
public record ChangeRow(String ownerSub, String entityType, String entityId, long seq, boolean deleted, long version,
                        Instant changedAt) {
}
