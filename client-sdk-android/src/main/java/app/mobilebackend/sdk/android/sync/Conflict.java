package app.mobilebackend.sdk.android.sync;

import app.mobilebackend.sdk.android.model.Preferences;
import app.mobilebackend.sdk.android.model.Problem;
import app.mobilebackend.sdk.android.model.Todo;

/**
 * An edit of the device's that the server did not take as it was, with what the server has instead. The edit has
 * left the outbox and the store holds the server's state: to insist, the app edits again (over the current version).
 */
public final class Conflict {

    /** What happened to the edit. */
    public enum Kind {
        /** Another device changed the to-do first: {@link #getCurrentTodo()} is its state now. */
        CHANGED_ON_SERVER,
        /** The to-do was deleted (on another device): the delete wins. */
        DELETED_ON_SERVER,
        /** The server refuses the edit itself (a title too long...): {@link #getProblem()} says why. */
        REJECTED,
        /**
         * Both devices changed the same preference: the device's value was saved over the other's, which
         * {@link #getCurrentPreferences()} still shows (for information; nothing is left to do).
         */
        MERGED
    }

    private final Kind kind;
    private final PendingEdit edit;
    private final Todo currentTodo;
    private final Preferences currentPreferences;
    private final Problem problem;

    Conflict(Kind kind, PendingEdit edit, Todo currentTodo, Preferences currentPreferences, Problem problem) {
        this.kind = kind;
        this.edit = edit;
        this.currentTodo = currentTodo;
        this.currentPreferences = currentPreferences;
        this.problem = problem;
    }

    public Kind getKind() {
        return kind;
    }

    public PendingEdit getEdit() {
        return edit;
    }

    /** The to-do as the server has it (for {@link Kind#CHANGED_ON_SERVER}); null otherwise. */
    public Todo getCurrentTodo() {
        return currentTodo;
    }

    /** The preferences the server had before the merge (for {@link Kind#MERGED}); null otherwise. */
    public Preferences getCurrentPreferences() {
        return currentPreferences;
    }

    /** The server's problem document (for {@link Kind#REJECTED}); null otherwise. */
    public Problem getProblem() {
        return problem;
    }

    @Override
    public String toString() {
        return kind + ": " + edit;
    }
}
