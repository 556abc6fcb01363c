package app.mobilebackend.sync;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A user's change log: the last seq taken, which log it is (new after an erasure), and the highest seq of a
 * tombstone purged.
 */
@MappedEntity("sync_log")
public record SyncLogRow(@Id String ownerSub, String logId, long seq, long purgedSeq) {
}
