package app.mobilebackend.sdk.kotlin.sync

import app.mobilebackend.sdk.kotlin.model.Preferences
import app.mobilebackend.sdk.kotlin.model.Todo
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

/**
 * Where [Sync] keeps the device's copy: the to-dos and preferences as the server last answered them, the feed's
 * cursor, and the outbox of edits not yet sent. The app implements it over its own storage (Room, SQLDelight...);
 * [InMemorySyncStore] is the reference. [Sync] groups the writes that belong together in [inTransaction].
 */
interface SyncStore {
    /** The feed's cursor after the last page applied; null before the first complete sync. */
    suspend fun cursor(): String?
    suspend fun saveCursor(cursor: String)
    /** Forgets the cursor (the server no longer answers it: 410): the next pull reads a snapshot. */
    suspend fun clearCursor()

    /** The to-dos as the server last answered them, oldest first. */
    suspend fun todos(): List<Todo>
    suspend fun todo(id: String): Todo?
    suspend fun putTodo(todo: Todo)
    suspend fun removeTodo(id: String)

    /** The preferences as the server last answered them; null before they were first read. */
    suspend fun preferences(): Preferences?
    suspend fun putPreferences(preferences: Preferences)

    /** The outbox, oldest first. */
    suspend fun pendingEdits(): List<PendingEdit>
    suspend fun addPendingEdit(edit: PendingEdit)
    /** Puts [replacement] where [edit] is in the outbox. */
    suspend fun replacePendingEdit(edit: PendingEdit, replacement: PendingEdit)
    suspend fun removePendingEdit(edit: PendingEdit)

    /** Runs [block] so that its writes happen together or not at all (a database transaction); by default, as is. */
    suspend fun <T> inTransaction(block: suspend () -> T): T = block()
}

/** A [SyncStore] in memory, for tests and as the model of one over a database. Safe to share between coroutines. */
class InMemorySyncStore : SyncStore {
    private val lock = Mutex()
    private val todos = LinkedHashMap<String, Todo>()
    private val outbox = ArrayList<PendingEdit>()
    private var preferences: Preferences? = null
    private var cursor: String? = null

    override suspend fun cursor(): String? = lock.withLock { cursor }
    override suspend fun saveCursor(cursor: String) = lock.withLock { this.cursor = cursor }
    override suspend fun clearCursor() = lock.withLock { cursor = null }
    override suspend fun todos(): List<Todo> = lock.withLock { todos.values.toList() }
    override suspend fun todo(id: String): Todo? = lock.withLock { todos[id] }
    override suspend fun putTodo(todo: Todo) = lock.withLock { todos[todo.id] = todo }
    override suspend fun removeTodo(id: String) = lock.withLock { todos.remove(id); Unit }
    override suspend fun preferences(): Preferences? = lock.withLock { preferences }
    override suspend fun putPreferences(preferences: Preferences) = lock.withLock { this.preferences = preferences }
    override suspend fun pendingEdits(): List<PendingEdit> = lock.withLock { outbox.toList() }
    override suspend fun addPendingEdit(edit: PendingEdit) = lock.withLock { outbox.add(edit); Unit }
    override suspend fun replacePendingEdit(edit: PendingEdit, replacement: PendingEdit) = lock.withLock {
        val at = outbox.indexOf(edit)
        check(at >= 0) { "not in the outbox: $edit" }
        outbox[at] = replacement
    }
    override suspend fun removePendingEdit(edit: PendingEdit) = lock.withLock { outbox.remove(edit); Unit }
}
