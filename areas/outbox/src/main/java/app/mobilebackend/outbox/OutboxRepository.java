package app.mobilebackend.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The outbox table: appended to by the services, drained by {@link OutboxRelay}. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface OutboxRepository extends GenericRepository<OutboxRow, String> {

    OutboxRow save(OutboxRow row);

    /**
     * Locks up to {@code limit} pending events of {@code destination}, oldest first, until the transaction ends.
     * Rows another relay holds are skipped, not waited for: two relays drain the outbox side by side and never
     * publish the same row at the same time.
     */
    @Query("""
        SELECT * FROM outbox
        WHERE destination = :destination AND published_at IS NULL
        ORDER BY created_at, id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED""")
    List<OutboxRow> claimPending(String destination, int limit);

    @Query("UPDATE outbox SET published_at = :publishedAt, attempts = attempts + 1, last_error = NULL WHERE id IN (:ids)")
    long markPublished(Collection<String> ids, Instant publishedAt);

    @Query("UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE id IN (:ids)")
    long recordFailure(Collection<String> ids, String error);

    long countByPublishedAtIsNull();

    List<OutboxRow> findByUserIdOrderByCreatedAt(String userId);

    /** Deletes the user's events of one type, published or not (erasure of events that carry personal data). */
    long deleteByUserIdAndType(String userId, String type);
}
