package app.mobilebackend.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The change log's two tables, {@code sync_log} and {@code sync_change}; every method is scoped to one user. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ChangeLogRepository extends GenericRepository<SyncLogRow, String> {

    /** Takes the user's next seq, creating their log at 1: the row stays locked until the transaction ends. */
    @Query("""
        INSERT INTO sync_log (owner_sub, log_id, seq, purged_seq) VALUES (:ownerSub, :newLogId, 1, 0)
        ON DUPLICATE KEY UPDATE seq = seq + 1""")
    void advance(String ownerSub, String newLogId);

    /** Creates an empty log for a user who has none; answers 0 when there is one. */
    @Query("INSERT IGNORE INTO sync_log (owner_sub, log_id, seq, purged_seq) VALUES (:ownerSub, :newLogId, 0, 0)")
    long createIfAbsent(String ownerSub, String newLogId);

    Optional<SyncLogRow> findById(String ownerSub);

    @Query("SELECT * FROM sync_log WHERE owner_sub = :ownerSub FOR UPDATE")
    Optional<SyncLogRow> lock(String ownerSub);

    @Query("UPDATE sync_log SET purged_seq = :seq WHERE owner_sub = :ownerSub AND purged_seq < :seq")
    long raisePurgedSeq(String ownerSub, long seq);

    /** Moves the entity's row to its new change; answers 0 when the entity has none yet. */
    @Query("""
        UPDATE sync_change SET seq = :seq, deleted = :deleted, version = :version, changed_at = :changedAt
        WHERE owner_sub = :ownerSub AND entity_type = :entityType AND entity_id = :entityId""")
    long move(String ownerSub, String entityType, String entityId, long seq, boolean deleted, long version, Instant changedAt);

    @Query("""
        INSERT INTO sync_change (owner_sub, entity_type, entity_id, seq, deleted, version, changed_at)
        VALUES (:ownerSub, :entityType, :entityId, :seq, :deleted, :version, :changedAt)""")
    void insert(String ownerSub, String entityType, String entityId, long seq, boolean deleted, long version, Instant changedAt);

    @Query("""
        SELECT owner_sub, entity_type, entity_id, seq, deleted, version, changed_at FROM sync_change
        WHERE owner_sub = :ownerSub AND entity_type = :entityType AND entity_id = :entityId""")
    Optional<ChangeRow> find(String ownerSub, String entityType, String entityId);

    /**
     * One page of the feed: the changes after {@code after} in seq (commit) order, leaving out the tombstones at or
     * below {@code tombstonesAfter} (deletes from before a snapshot began). A range of {@code sync_change_by_seq}.
     */
    @Query("""
        SELECT owner_sub, entity_type, entity_id, seq, deleted, version, changed_at FROM sync_change
        WHERE owner_sub = :ownerSub AND seq > :after AND (deleted = FALSE OR seq > :tombstonesAfter)
        ORDER BY seq
        LIMIT :limit""")
    List<ChangeRow> findPage(String ownerSub, long after, long tombstonesAfter, int limit);

    /** The highest seq among the user's tombstones older than {@code before}; null when there is none. */
    @Query("SELECT MAX(seq) FROM sync_change WHERE owner_sub = :ownerSub AND deleted = TRUE AND changed_at < :before")
    @Nullable
    Long lastExpiredTombstone(String ownerSub, Instant before);

    @Query("DELETE FROM sync_change WHERE owner_sub = :ownerSub AND deleted = TRUE AND changed_at < :before")
    long purgeTombstones(String ownerSub, Instant before);

    @Query("DELETE FROM sync_change WHERE owner_sub = :ownerSub")
    long deleteChanges(String ownerSub);

    @Query("DELETE FROM sync_log WHERE owner_sub = :ownerSub")
    long deleteLog(String ownerSub);
}
