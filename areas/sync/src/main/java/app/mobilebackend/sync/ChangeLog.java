package app.mobilebackend.sync;

import com.fasterxml.uuid.Generators;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Records each change of a user's synced entities in the change log, in the change's own transaction: the areas
 * that own the entities call {@link #next} first (which locks the user's log, so one user's changes commit in seq
 * order), make their change, then {@link #changed} or {@link #deleted} with the seq they got.
 */
@Singleton
public final class ChangeLog {

    /** The entity type of to-dos. */
    public static final String TODO = "todo";
    /** The entity type of a user's preferences, whose id is always {@link #PREFERENCES} too. */
    public static final String PREFERENCES = "preferences";
    /** How long tombstones are kept: the oldest cursor the feed still answers may be this old (README). */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(30);

    private final ChangeLogRepository repository;

    ChangeLog(ChangeLogRepository repository) {
        this.repository = repository;
    }

    /**
     * The user's next seq. Must run in the transaction of the change it numbers: it locks the user's log until that
     * transaction ends, so that whoever takes the seq after it commits after it.
     */
    public long next(String ownerSub) {
        repository.advance(ownerSub, Generators.timeBasedEpochGenerator().generate().toString());
        return repository.findById(ownerSub).orElseThrow().seq();
    }

    /**
     * The entity was created, at {@code version}. A plain insert: finding out first whether the entity has a row (an
     * update that misses) would lock the gap of the index where it goes, and two users' first changes landing in one
     * gap would deadlock.
     */
    public void created(String ownerSub, long seq, String entityType, String entityId, long version, Instant at) {
        repository.insert(ownerSub, entityType, entityId, seq, false, version, at);
    }

    /** The entity was changed, and is now at {@code version}. */
    public void changed(String ownerSub, long seq, String entityType, String entityId, long version, Instant at) {
        record(ownerSub, seq, entityType, entityId, false, version, at);
    }

    /** The entity was deleted: its tombstone carries {@code version}, the one after its last. */
    public void deleted(String ownerSub, long seq, String entityType, String entityId, long version, Instant at) {
        record(ownerSub, seq, entityType, entityId, true, version, at);
    }

    /** The tombstone of the entity, if it was deleted within the retention. */
    public Optional<ChangeRow> tombstone(String ownerSub, String entityType, String entityId) {
        return repository.find(ownerSub, entityType, entityId).filter(ChangeRow::deleted);
    }

    /**
     * Moves the entity's row (it has one: the change that created it wrote it, or the migration that began the log), or
     * writes it if an entity written otherwise has none.
     */
    private void record(String ownerSub, long seq, String entityType, String entityId, boolean deleted, long version, Instant at) {
        if (repository.move(ownerSub, entityType, entityId, seq, deleted, version, at) == 0) {
            repository.insert(ownerSub, entityType, entityId, seq, deleted, version, at);
        }
    }
}
