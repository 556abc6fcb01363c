package app.mobilebackend.sdk.android.sync;

import app.mobilebackend.sdk.android.model.Preferences;
import app.mobilebackend.sdk.android.model.Todo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SyncStore} in memory, for tests and as the model of one over a database. Thread-safe. */
public final class InMemorySyncStore implements SyncStore {

    private final Map<String, Todo> todos = new LinkedHashMap<>();
    private final List<PendingEdit> outbox = new ArrayList<>();
    private Preferences preferences;
    private String cursor;

    @Override
    public synchronized Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    @Override
    public synchronized void saveCursor(String cursor) {
        this.cursor = cursor;
    }

    @Override
    public synchronized void clearCursor() {
        cursor = null;
    }

    @Override
    public synchronized List<Todo> todos() {
        return new ArrayList<>(todos.values());
    }

    @Override
    public synchronized Optional<Todo> todo(String id) {
        return Optional.ofNullable(todos.get(id));
    }

    @Override
    public synchronized void putTodo(Todo todo) {
        todos.put(todo.getId(), todo);
    }

    @Override
    public synchronized void removeTodo(String id) {
        todos.remove(id);
    }

    @Override
    public synchronized Optional<Preferences> preferences() {
        return Optional.ofNullable(preferences);
    }

    @Override
    public synchronized void putPreferences(Preferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public synchronized List<PendingEdit> pendingEdits() {
        return new ArrayList<>(outbox);
    }

    @Override
    public synchronized void addPendingEdit(PendingEdit edit) {
        outbox.add(edit);
    }

    @Override
    public synchronized void replacePendingEdit(PendingEdit edit, PendingEdit replacement) {
        int at = outbox.indexOf(edit);
        if (at < 0) {
            throw new IllegalStateException("not in the outbox: " + edit);
        }
        outbox.set(at, replacement);
    }

    @Override
    public synchronized void removePendingEdit(PendingEdit edit) {
        outbox.remove(edit);
    }

    @Override
    public synchronized void inTransaction(Runnable work) {
        work.run();
    }
}
