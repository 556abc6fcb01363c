package app.mobilebackend.sdk.android.sync;

import app.mobilebackend.sdk.android.model.Preferences;
import app.mobilebackend.sdk.android.model.Todo;

import java.util.List;
import java.util.Optional;

/**
 * Where {@link Sync} keeps the device's copy: the to-dos and preferences as the server last answered them, the
 * feed's cursor, and the outbox of edits not yet sent. The app implements it over its own storage (SQLite, Room...);
 * {@link InMemorySyncStore} is the reference. {@link Sync} calls it from the thread that calls {@link Sync#sync()}
 * or an edit method, and groups the writes that belong together in {@link #inTransaction}.
 */
public interface SyncStore {

    /** The feed's cursor after the last complete pull; empty before the first. */
    Optional<String> cursor();

    void saveCursor(String cursor);

    void clearCursor();

    /** The to-dos as the server last answered them, oldest first. */
    List<Todo> todos();

    Optional<Todo> todo(String id);

    /** Stores (or replaces) the server's state of a to-do. */
    void putTodo(Todo todo);

    void removeTodo(String id);

    /** The preferences as the server last answered them; empty before they were first read. */
    Optional<Preferences> preferences();

    void putPreferences(Preferences preferences);

    /** The outbox, oldest first. */
    List<PendingEdit> pendingEdits();

    /** Adds an edit at the end of the outbox. */
    void addPendingEdit(PendingEdit edit);

    /** Puts {@code replacement} where {@code edit} is in the outbox. */
    void replacePendingEdit(PendingEdit edit, PendingEdit replacement);

    void removePendingEdit(PendingEdit edit);

    /** Runs {@code work} so that its writes happen together or not at all (a database transaction); by default, as is. */
    default void inTransaction(Runnable work) {
        work.run();
    }
}
