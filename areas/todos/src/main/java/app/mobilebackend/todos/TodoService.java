package app.mobilebackend.todos;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoPage;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.http.Cursor;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.sync.ChangeLog;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The rules of a user's to-do list, free of HTTP and Lambda; every change is numbered in the user's change log. */
@Singleton
public final class TodoService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    /** MySQL's and MariaDB's error code for a duplicate key. */
    private static final int DUPLICATE_KEY = 1062;

    private final TodoRepository repository;
    private final ChangeLog changes;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    TodoService(TodoRepository repository, ChangeLog changes, TransactionOperations<Connection> transactions, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.transactions = transactions;
        this.clock = clock;
    }

    public TodoPage list(String ownerSub, int limit, String cursor, Boolean done) {
        List<TodoRow> rows = repository.findPage(ownerSub, Cursor.decode(cursor), done, limit + 1);
        boolean more = rows.size() > limit;
        List<TodoRow> page = more ? rows.subList(0, limit) : rows;
        TodoPage result = new TodoPage(page.stream().map(TodoService::toApi).toList());
        if (more) {
            result.setNextCursor(Cursor.encode(page.get(page.size() - 1).id()));
        }
        return result;
    }

    /** Creates the to-do; see {@link #createOnce} for a client-generated id. */
    public Todo create(String ownerSub, TodoCreate request) {
        return createOnce(ownerSub, request).todo();
    }

    /** A created to-do, and whether an earlier request with its client-generated id had created it already. */
    public record Creation(Todo todo, boolean replayed) {
    }

    /**
     * Creates the to-do under the client's id, or the server's when it sends none. A create whose id the caller
     * already has is a replay: it changes nothing and answers the to-do as it is now. An id the caller deleted within
     * the tombstones' retention answers 410 (a replay does not undo a delete); one another user has, 409.
     */
    public Creation createOnce(String ownerSub, TodoCreate request) {
        String id = request.getId() != null ? request.getId() : IDS.generate().toString();
        try {
            return transactions.executeWrite(status -> insertOnce(ownerSub, id, request));
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // the same id committed first in another transaction (the caller's own replay, or someone else's to-do)
            return transactions.executeRead(status -> repository.findByIdAndOwnerSub(id, ownerSub)
                .map(existing -> new Creation(toApi(existing), true))
                .orElseThrow(() -> idTaken(id)));
        }
    }

    private Creation insertOnce(String ownerSub, String id, TodoCreate request) {
        long seq = changes.next(ownerSub);
        var existing = repository.findByIdAndOwnerSub(id, ownerSub);
        if (existing.isPresent()) {
            return new Creation(toApi(existing.get()), true);
        }
        changes.tombstone(ownerSub, ChangeLog.TODO, id).ifPresent(tombstone -> {
            throw deleted(id, tombstone.version());
        });
        if (repository.existsById(id)) {
            throw idTaken(id);
        }
        Instant now = now();
        TodoRow row = repository.save(new TodoRow(id, ownerSub, request.getTitle(), request.getNotes(),
            Boolean.TRUE.equals(request.getDone()), instant(request.getDueAt()), now, now, 1));
        changes.created(ownerSub, seq, ChangeLog.TODO, id, row.version(), now);
        return new Creation(toApi(row), false);
    }

    public Todo get(String ownerSub, String id) {
        return toApi(find(ownerSub, id));
    }

    /**
     * Replaces the to-do if {@code ifMatch} names its current version: 428 without one, 412 with the current to-do
     * when stale, 410 when it was deleted. {@code *} replaces whatever version is current (404 when there is no such
     * to-do of the caller's).
     */
    public Todo update(String ownerSub, String id, String ifMatch, TodoUpdate request) {
        return transactions.executeWrite(status -> {
            long seq = changes.next(ownerSub);
            long expected = ETags.requiredVersion(ifMatch, () -> findToChange(ownerSub, id).version());
            Instant now = now();
            long changed = repository.updateIfVersion(id, ownerSub, expected, request.getTitle(), request.getNotes(),
                request.getDone(), instant(request.getDueAt()), now);
            TodoRow current = findToChange(ownerSub, id);
            if (changed == 0) {
                throw stale(expected, current);
            }
            changes.changed(ownerSub, seq, ChangeLog.TODO, id, current.version(), now);
            return toApi(current);
        });
    }

    /**
     * Deletes the to-do: only at the version {@code ifMatch} names when there is one (412 with the current to-do when
     * stale), else whatever version is current. A to-do already deleted within the tombstones' retention is deleted
     * still: nothing changes and nothing fails, so a replayed delete succeeds.
     */
    public void delete(String ownerSub, String id, @Nullable String ifMatch) {
        transactions.executeWrite(status -> {
            long seq = changes.next(ownerSub);
            var current = repository.findByIdAndOwnerSub(id, ownerSub);
            if (current.isEmpty()) {
                if (changes.tombstone(ownerSub, ChangeLog.TODO, id).isPresent()) {
                    return null;
                }
                throw notFound(id);
            }
            long expected = ifMatch == null ? current.get().version() : ETags.requiredVersion(ifMatch, () -> current.get().version());
            if (repository.deleteIfVersion(id, ownerSub, expected) == 0) {
                throw stale(expected, find(ownerSub, id));
            }
            changes.deleted(ownerSub, seq, ChangeLog.TODO, id, expected + 1, now());
            return null;
        });
    }

    /** Deletes the to-do whatever its version. */
    public void delete(String ownerSub, String id) {
        delete(ownerSub, id, null);
    }

    /** The caller's to-do, else 404 (a read: getTodo declares no 410). */
    private TodoRow find(String ownerSub, String id) {
        return repository.findByIdAndOwnerSub(id, ownerSub).orElseThrow(() -> notFound(id));
    }

    /** The caller's to-do about to change: 410 if they deleted it within the tombstones' retention, else 404. */
    private TodoRow findToChange(String ownerSub, String id) {
        return repository.findByIdAndOwnerSub(id, ownerSub).orElseThrow(() -> changes.tombstone(ownerSub, ChangeLog.TODO, id)
            .map(tombstone -> deleted(id, tombstone.version()))
            .orElseGet(() -> notFound(id)));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No to-do with id " + id + ".");
    }

    private static ApiException deleted(String id, long version) {
        return ApiException.gone("The to-do " + id + " was deleted at version " + version + ".");
    }

    private static ApiException idTaken(String id) {
        return ApiException.conflict("The id " + id + " is taken; generate another.");
    }

    private static ApiException stale(long expected, TodoRow current) {
        Todo todo = toApi(current);
        return ApiException.preconditionFailed("The to-do has changed since version " + expected
            + "; the current version is " + current.version() + ".", problem -> problem.setCurrentTodo(todo));
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    /** Millisecond precision: what the database keeps, so what we answer equals what we read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }

    static Todo toApi(TodoRow row) {
        Todo todo = new Todo(row.id(), row.title(), row.done(), utc(row.createdAt()), utc(row.updatedAt()), row.version());
        todo.setNotes(row.notes());
        todo.setDueAt(utc(row.dueAt()));
        return todo;
    }
}
