package app.mobilebackend.sdk.android.sync;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An edit made on the device and not yet sent: the outbox of a {@link SyncStore} holds them in the order they were
 * made. An app's store keeps each as its fields (all plain values) and gives it back as it was.
 */
public final class PendingEdit {

    /** What the edit does. */
    public enum Kind { CREATE_TODO, UPDATE_TODO, DELETE_TODO, PUT_PREFERENCES }

    private final String editId;
    private final Kind kind;
    private final OffsetDateTime madeAt;
    private final String todoId;
    private final long baseVersion;
    private final String title;
    private final String notes;
    private final boolean done;
    private final OffsetDateTime dueAt;
    private final Map<String, Object> baseValues;
    private final Map<String, Object> values;

    /** Every field, as a store reads them back; the factories below are for the SDK. */
    public PendingEdit(String editId, Kind kind, OffsetDateTime madeAt, String todoId, long baseVersion, String title,
                       String notes, boolean done, OffsetDateTime dueAt, Map<String, Object> baseValues,
                       Map<String, Object> values) {
        this.editId = Objects.requireNonNull(editId, "editId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.madeAt = Objects.requireNonNull(madeAt, "madeAt");
        this.todoId = todoId;
        this.baseVersion = baseVersion;
        this.title = title;
        this.notes = notes;
        this.done = done;
        this.dueAt = dueAt;
        this.baseValues = copy(baseValues);
        this.values = copy(values);
    }

    static PendingEdit createTodo(String todoId, String title, String notes, boolean done, OffsetDateTime dueAt) {
        return new PendingEdit(newId(), Kind.CREATE_TODO, OffsetDateTime.now(), todoId, 0, title, notes, done, dueAt, null, null);
    }

    static PendingEdit updateTodo(String todoId, long baseVersion, String title, String notes, boolean done, OffsetDateTime dueAt) {
        return new PendingEdit(newId(), Kind.UPDATE_TODO, OffsetDateTime.now(), todoId, baseVersion, title, notes, done, dueAt, null, null);
    }

    static PendingEdit deleteTodo(String todoId, long baseVersion) {
        return new PendingEdit(newId(), Kind.DELETE_TODO, OffsetDateTime.now(), todoId, baseVersion, null, null, false, null, null, null);
    }

    static PendingEdit putPreferences(long baseVersion, Map<String, Object> baseValues, Map<String, Object> values) {
        return new PendingEdit(newId(), Kind.PUT_PREFERENCES, OffsetDateTime.now(), null, baseVersion, null, null, false, null,
            baseValues, values);
    }

    /** The same edit (same id, base and place in the outbox) with the to-do's new fields. */
    PendingEdit withTodo(String newTitle, String newNotes, boolean newDone, OffsetDateTime newDueAt) {
        return new PendingEdit(editId, kind, madeAt, todoId, baseVersion, newTitle, newNotes, newDone, newDueAt, null, null);
    }

    /** The same create under another id (the one it had belongs to someone else's to-do). */
    PendingEdit withTodoId(String newTodoId) {
        return new PendingEdit(editId, kind, madeAt, newTodoId, baseVersion, title, notes, done, dueAt, null, null);
    }

    /** A pending update turned into the delete of the version it was based on. */
    PendingEdit asDelete() {
        return new PendingEdit(editId, Kind.DELETE_TODO, madeAt, todoId, baseVersion, null, null, false, null, null, null);
    }

    /**
     * This edit, made while an earlier one of the same thing was on its way, over the version that one made: a create
     * becomes an update, and a preferences edit is compared with {@code savedValues} when merged.
     */
    PendingEdit rebasedOn(long version, Map<String, Object> savedValues) {
        switch (kind) {
            case CREATE_TODO:
            case UPDATE_TODO:
                return new PendingEdit(editId, Kind.UPDATE_TODO, madeAt, todoId, version, title, notes, done, dueAt, null, null);
            case DELETE_TODO:
                return new PendingEdit(editId, kind, madeAt, todoId, version, null, null, false, null, null, null);
            default:
                return new PendingEdit(editId, kind, madeAt, null, version, null, null, false, null, savedValues, values);
        }
    }

    /** The same preferences edit (same base) with the whole new document. */
    PendingEdit withValues(Map<String, Object> newValues) {
        return new PendingEdit(editId, kind, madeAt, null, baseVersion, null, null, false, null, baseValues, newValues);
    }

    /** Identifies the edit in a store. */
    public String getEditId() {
        return editId;
    }

    public Kind getKind() {
        return kind;
    }

    /** When the edit was made on the device. */
    public OffsetDateTime getMadeAt() {
        return madeAt;
    }

    /** The to-do it edits (its id is made on the device for a create); null for preferences. */
    public String getTodoId() {
        return todoId;
    }

    /** The version the device saw and edited (sent as {@code If-Match}); 0 for a create. */
    public long getBaseVersion() {
        return baseVersion;
    }

    public String getTitle() {
        return title;
    }

    public String getNotes() {
        return notes;
    }

    public boolean isDone() {
        return done;
    }

    public OffsetDateTime getDueAt() {
        return dueAt;
    }

    /** The preferences the device saw at {@link #getBaseVersion()}: what a merge compares the edit with. */
    public Map<String, Object> getBaseValues() {
        return baseValues;
    }

    /** The whole new preferences document. */
    public Map<String, Object> getValues() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PendingEdit)) {
            return false;
        }
        PendingEdit that = (PendingEdit) other;
        return editId.equals(that.editId) && kind == that.kind && madeAt.equals(that.madeAt)
            && Objects.equals(todoId, that.todoId) && baseVersion == that.baseVersion && Objects.equals(title, that.title)
            && Objects.equals(notes, that.notes) && done == that.done && Objects.equals(dueAt, that.dueAt)
            && Objects.equals(baseValues, that.baseValues) && Objects.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(editId, kind, todoId, baseVersion);
    }

    @Override
    public String toString() {
        return kind + (todoId == null ? "" : " " + todoId) + " over version " + baseVersion + " (edit " + editId + ")";
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
