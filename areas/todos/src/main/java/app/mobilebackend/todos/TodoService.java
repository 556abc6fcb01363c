package app.mobilebackend.todos;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoPage;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.http.Cursor;
import app.mobilebackend.core.http.ETags;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The rules of a user's to-do list, free of HTTP and Lambda. */
@Singleton
public final class TodoService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final TodoRepository repository;
    private final Clock clock;

    TodoService(TodoRepository repository, Clock clock) {
        this.repository = repository;
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

    public Todo create(String ownerSub, TodoCreate request) {
        Instant now = now();
        TodoRow row = new TodoRow(IDS.generate().toString(), ownerSub, request.getTitle(), request.getNotes(),
            Boolean.TRUE.equals(request.getDone()), instant(request.getDueAt()), now, now, 1);
        return toApi(repository.save(row));
    }

    public Todo get(String ownerSub, String id) {
        return toApi(find(ownerSub, id));
    }

    /**
     * Replaces the to-do if {@code ifMatch} names its current version: 428 without one, 412 when stale. {@code *}
     * replaces whatever version is current (404 when there is no such to-do of the caller's); a change landing
     * between that read and the update still answers 412.
     */
    public Todo update(String ownerSub, String id, String ifMatch, TodoUpdate request) {
        long expected = ETags.requiredVersion(ifMatch, () -> find(ownerSub, id).version());
        long changed = repository.updateIfVersion(id, ownerSub, expected, request.getTitle(), request.getNotes(),
            request.getDone(), instant(request.getDueAt()), now());
        if (changed == 0) {
            TodoRow current = find(ownerSub, id);
            throw ApiException.preconditionFailed("The to-do has changed since version " + expected
                + "; the current version is " + current.version() + ".");
        }
        return toApi(find(ownerSub, id));
    }

    public void delete(String ownerSub, String id) {
        if (repository.deleteByIdAndOwnerSub(id, ownerSub) == 0) {
            throw notFound(id);
        }
    }

    private TodoRow find(String ownerSub, String id) {
        return repository.findByIdAndOwnerSub(id, ownerSub).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No to-do with id " + id + ".");
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
