package app.mobilebackend.sdk.android.sync;

import java.util.Collections;
import java.util.List;

/** What one {@link Sync#sync()} did. */
public final class SyncResult {

    private final int pushed;
    private final int pulledTodos;
    private final int pulledDeletes;
    private final boolean snapshot;
    private final List<Conflict> conflicts;

    SyncResult(int pushed, int pulledTodos, int pulledDeletes, boolean snapshot, List<Conflict> conflicts) {
        this.pushed = pushed;
        this.pulledTodos = pulledTodos;
        this.pulledDeletes = pulledDeletes;
        this.snapshot = snapshot;
        this.conflicts = Collections.unmodifiableList(conflicts);
    }

    /** Edits the server took (replays of edits it already had included). */
    public int getPushed() {
        return pushed;
    }

    /** To-dos the feed sent (created or changed). */
    public int getPulledTodos() {
        return pulledTodos;
    }

    /** Tombstones the feed sent. */
    public int getPulledDeletes() {
        return pulledDeletes;
    }

    /** Whether the pull read a snapshot (a first sync, or a cursor the server no longer answers: 410). */
    public boolean isSnapshot() {
        return snapshot;
    }

    /** Edits the server did not take as they were, in the order they were sent. */
    public List<Conflict> getConflicts() {
        return conflicts;
    }

    @Override
    public String toString() {
        return "pushed " + pushed + ", pulled " + pulledTodos + " to-dos and " + pulledDeletes + " deletes"
            + (snapshot ? " (snapshot)" : "") + ", conflicts " + conflicts;
    }
}
