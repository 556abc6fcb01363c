package app.mobilebackend.sdk.kotlin.sync

import app.mobilebackend.sdk.kotlin.model.Preferences
import app.mobilebackend.sdk.kotlin.model.Problem
import app.mobilebackend.sdk.kotlin.model.Todo

/**
 * An edit of the device's that the server did not take as it was, with what the server has instead. The edit has
 * left the outbox and the store holds the server's state: to insist, the app edits again (over the current version).
 */
sealed class Conflict {
    abstract val edit: PendingEdit

    /** Which case this is, under the names the Java and Android SDKs use (for logs and analytics; `when` is enough in code). */
    abstract val kind: Kind

    enum class Kind { CHANGED_ON_SERVER, DELETED_ON_SERVER, REJECTED, MERGED }

    /** Another device changed the to-do first: [currentTodo] is its state now (null if the server did not say). */
    data class ChangedOnServer(override val edit: PendingEdit, val currentTodo: Todo?) : Conflict() {
        override val kind get() = Kind.CHANGED_ON_SERVER
    }

    /** The to-do was deleted (on another device): the delete wins. */
    data class DeletedOnServer(override val edit: PendingEdit) : Conflict() {
        override val kind get() = Kind.DELETED_ON_SERVER
    }

    /** The server refuses the edit itself (a title too long...): [problem] says why. */
    data class Rejected(override val edit: PendingEdit, val status: Int, val problem: Problem?) : Conflict() {
        override val kind get() = Kind.REJECTED
    }

    /**
     * Both devices changed the same preference: the device's value was saved over the other's, which
     * [currentPreferences] (the server's document before the merge) still shows; for information, nothing is left to do.
     */
    data class Merged(override val edit: PendingEdit, val currentPreferences: Preferences) : Conflict() {
        override val kind get() = Kind.MERGED
    }
}

/** What one [Sync.sync] did. */
data class SyncResult(
    /** Edits the server took (replays of edits it already had included). */
    val pushed: Int,
    /** To-dos the feed sent (created or changed). */
    val pulledTodos: Int,
    /** Tombstones the feed sent. */
    val pulledDeletes: Int,
    /** Whether the pull read a snapshot (a first sync, or a cursor the server no longer answers: 410). */
    val snapshot: Boolean,
    /** Edits the server did not take as they were, in the order they were sent. */
    val conflicts: List<Conflict>,
)
