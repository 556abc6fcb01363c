package app.mobilebackend.sync;

import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.api.model.TodoTombstone;
import app.mobilebackend.core.error.ApiException;
import com.fasterxml.uuid.Generators;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed: a page of what changed in a user's synced entities after a cursor, in commit order, each entity
 * as it is now; without a cursor, a snapshot of them all. Purges the user's tombstones older than
 * {@link ChangeLog#TOMBSTONE_RETENTION} first, so a cursor that needed one of them answers 410.
 */
@Singleton
public final class ChangeFeed {

    private final ChangeLogRepository repository;
    private final List<ChangedEntities> areas;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ChangeFeed(ChangeLogRepository repository, List<ChangedEntities> areas, TransactionOperations<Connection> transactions,
               Clock clock) {
        this.repository = repository;
        this.areas = areas;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** At most {@code limit} changes after {@code since} (a {@code nextCursor} of this feed), or a snapshot's first page. */
    public SyncChanges changes(String ownerSub, @Nullable String since, int limit) {
        SyncCursor cursor = since == null || since.isEmpty() ? null : SyncCursor.decode(since);
        if (repository.findById(ownerSub).isEmpty()) {
            transactions.executeWrite(status -> repository.createIfAbsent(ownerSub, Generators.timeBasedEpochGenerator().generate().toString()));
        }
        purgeExpiredTombstones(ownerSub);
        return transactions.executeRead(status -> page(ownerSub, cursor, limit));
    }

    /**
     * One read transaction: the log first, then the page. Every change numbered up to the log's seq had committed
     * when the log was read (seqs are taken under its lock, in commit order), so a page that ends before more
     * changes may end the cursor at the log's seq.
     */
    private SyncChanges page(String ownerSub, @Nullable SyncCursor cursor, int limit) {
        SyncLogRow log = repository.findById(ownerSub).orElseThrow();
        SyncCursor from = cursor == null ? new SyncCursor(log.logId(), 0, log.seq()) : cursor;
        if (!from.logId().equals(log.logId()) || from.tombstonesAfter() > log.seq()) {
            throw ApiException.gone("This cursor is not of the current change log (the account's data was erased since);"
                + " sync again from a snapshot (no since).");
        }
        if (from.tombstonesAfter() < log.purgedSeq()) {
            throw ApiException.gone("Changes after this cursor are no longer kept (deletions are kept "
                + ChangeLog.TOMBSTONE_RETENTION.toDays() + " days); sync again from a snapshot (no since).");
        }
        List<ChangeRow> rows = repository.findPage(ownerSub, from.after(), from.tombstonesAfter(), limit + 1);
        boolean more = rows.size() > limit;
        List<ChangeRow> changes = more ? rows.subList(0, limit) : rows;
        long last = changes.isEmpty() ? from.after() : changes.get(changes.size() - 1).seq();
        long after = more ? last : Math.max(last, log.seq());
        SyncCursor next = new SyncCursor(log.logId(), after, Math.max(from.tombstonesAfter(), after));

        SyncChanges page = new SyncChanges(new ArrayList<>(), new ArrayList<>(), next.encode(), more);
        Map<String, List<String>> changedIds = new LinkedHashMap<>();
        for (ChangeRow change : changes) {
            if (change.deleted()) {
                page.getDeletedTodos().add(new TodoTombstone(change.entityId(), change.version(), utc(change.changedAt())));
            } else {
                changedIds.computeIfAbsent(change.entityType(), type -> new ArrayList<>()).add(change.entityId());
            }
        }
        for (ChangedEntities area : areas) {
            List<String> ids = changedIds.get(area.entityType());
            if (ids != null) {
                area.addTo(page, ownerSub, ids);
            }
        }
        return page;
    }

    private void purgeExpiredTombstones(String ownerSub) {
        Instant before = clock.instant().minus(ChangeLog.TOMBSTONE_RETENTION);
        if (repository.lastExpiredTombstone(ownerSub, before) == null) {
            return;
        }
        transactions.executeWrite(status -> {
            // under the log's lock, as a change: no tombstone is written while the purge reads and deletes
            repository.lock(ownerSub);
            Long last = repository.lastExpiredTombstone(ownerSub, before);
            if (last != null) {
                repository.purgeTombstones(ownerSub, before);
                repository.raisePurgedSeq(ownerSub, last);
            }
            return last;
        });
    }

    private static OffsetDateTime utc(Instant value) {
        return value.atOffset(ZoneOffset.UTC);
    }
}
