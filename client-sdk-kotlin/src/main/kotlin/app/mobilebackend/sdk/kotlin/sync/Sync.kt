package app.mobilebackend.sdk.kotlin.sync

import app.mobilebackend.sdk.kotlin.ApiException
import app.mobilebackend.sdk.kotlin.MobileBackendClient
import app.mobilebackend.sdk.kotlin.model.Preferences
import app.mobilebackend.sdk.kotlin.model.PreferencesUpdate
import app.mobilebackend.sdk.kotlin.model.SyncChanges
import app.mobilebackend.sdk.kotlin.model.Todo
import app.mobilebackend.sdk.kotlin.model.TodoCreate
import app.mobilebackend.sdk.kotlin.model.TodoUpdate
import kotlinx.coroutines.delay
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import retrofit2.Response
import java.io.IOException
import java.math.BigDecimal
import java.time.OffsetDateTime
import java.util.UUID

/**
 * Keeps a device's copy of the caller's to-dos and preferences in step with the server, offline first: the app edits
 * through this class at any time (the edits wait in the [SyncStore]'s outbox), reads the copy with the edits applied
 * ([todos], [preferences]), and calls [sync] when it is online. A sync sends the outbox in order, each edit with the
 * version it was made over, then reads the change feed from the stored cursor. The server's rules (README, "Sync and
 * offline") decide conflicts; those the app should know of come back as [Conflict]s. Edits may be made while a sync
 * runs in another coroutine; syncs run one at a time.
 *
 * A call that gets no answer ([IOException]) or a 408, 429, 500, 502-504 is tried [attempts] times in all,
 * [firstBackoffMillis] apart, then twice as long each time.
 */
class Sync @JvmOverloads constructor(
    private val client: MobileBackendClient,
    private val store: SyncStore,
    private val pageSize: Int = 100,
    private val attempts: Int = 3,
    private val firstBackoffMillis: Long = 200,
) {
    init {
        require(pageSize in 1..100) { "pageSize must be 1 to 100: $pageSize" }
        require(attempts >= 1) { "attempts must be at least 1: $attempts" }
    }

    /** Guards the outbox: an edit of the app's and the settling of a sent edit never interleave. */
    private val outbox = Mutex()
    private val syncing = Mutex()

    // ---- The app's edits: they only touch the store, and work offline.

    /** A new to-do, with an id made here (so that a create sent twice makes one to-do); returns it as the app sees it. */
    suspend fun createTodo(title: String, notes: String? = null, done: Boolean = false, dueAt: OffsetDateTime? = null): Todo {
        val edit = PendingEdit.CreateTodo(PendingEdit.newId(), OffsetDateTime.now(), UUID.randomUUID().toString(), title, notes, done, dueAt)
        outbox.withLock { store.addPendingEdit(edit) }
        return view(edit, null)!!
    }

    /** Replaces a to-do's fields, over the version this device has of it. */
    suspend fun updateTodo(id: String, title: String, notes: String? = null, done: Boolean, dueAt: OffsetDateTime? = null) {
        outbox.withLock {
            store.inTransaction {
                when (val pending = pendingFor(id)) {
                    null -> {
                        val current = store.todo(id) ?: throw NoSuchElementException("No to-do $id here.")
                        store.addPendingEdit(PendingEdit.UpdateTodo(PendingEdit.newId(), OffsetDateTime.now(), id, current.version, title, notes, done, dueAt))
                    }
                    // one pending edit per to-do: a create or an update not yet sent takes the new fields
                    is PendingEdit.CreateTodo -> store.replacePendingEdit(pending, pending.copy(title = title, notes = notes, done = done, dueAt = dueAt))
                    is PendingEdit.UpdateTodo -> store.replacePendingEdit(pending, pending.copy(title = title, notes = notes, done = done, dueAt = dueAt))
                    else -> throw IllegalStateException("The to-do $id is deleted here.")
                }
            }
        }
    }

    /** Deletes a to-do, if the version this device has of it is still the current one when the delete arrives. */
    suspend fun deleteTodo(id: String) {
        outbox.withLock {
            store.inTransaction {
                when (val pending = pendingFor(id)) {
                    null -> {
                        val current = store.todo(id) ?: throw NoSuchElementException("No to-do $id here.")
                        store.addPendingEdit(PendingEdit.DeleteTodo(PendingEdit.newId(), OffsetDateTime.now(), id, current.version))
                    }
                    is PendingEdit.CreateTodo -> store.removePendingEdit(pending) // the server never saw it
                    is PendingEdit.UpdateTodo -> store.replacePendingEdit(pending,
                        PendingEdit.DeleteTodo(pending.editId, pending.madeAt, id, pending.baseVersion))
                    else -> Unit
                }
            }
        }
    }

    /** Replaces the preferences document; on a conflict the fields this device changed are merged over the server's. */
    suspend fun putPreferences(values: Map<String, JsonElement>) {
        outbox.withLock {
            store.inTransaction {
                val pending = store.pendingEdits().filterIsInstance<PendingEdit.PutPreferences>().firstOrNull()
                if (pending != null) {
                    store.replacePendingEdit(pending, pending.copy(values = values))
                } else {
                    val base = store.preferences()
                    store.addPendingEdit(PendingEdit.PutPreferences(PendingEdit.newId(), OffsetDateTime.now(),
                        base?.version ?: 0, base?.propertyValues ?: emptyMap(), values))
                }
            }
        }
    }

    // ---- What the app shows: the server's copy with the pending edits applied.

    /** The to-dos as this device has them: the server's copy with the edits not yet sent applied, oldest first. */
    suspend fun todos(): List<Todo> {
        val (copy, pending) = outbox.withLock { store.todos() to store.pendingEdits() }
        val view = LinkedHashMap<String, Todo>()
        copy.forEach { view[it.id] = it }
        for (edit in pending) {
            when (edit) {
                is PendingEdit.CreateTodo -> view[edit.todoId] = view(edit, null)!!
                is PendingEdit.UpdateTodo -> view[edit.todoId]?.let { base -> view[edit.todoId] = view(edit, base)!! }
                is PendingEdit.DeleteTodo -> view.remove(edit.todoId)
                is PendingEdit.PutPreferences -> Unit
            }
        }
        return view.values.toList()
    }

    suspend fun todo(id: String): Todo? = todos().firstOrNull { it.id == id }

    /** The preferences as this device has them (version 0 and no values before any were read or saved). */
    suspend fun preferences(): Preferences = outbox.withLock {
        val pending = store.pendingEdits().filterIsInstance<PendingEdit.PutPreferences>().firstOrNull()
        when {
            pending != null -> Preferences(pending.values, pending.baseVersion, pending.madeAt)
            else -> store.preferences() ?: Preferences(emptyMap(), 0)
        }
    }

    /** Whether edits are waiting to be sent. */
    suspend fun hasPendingEdits(): Boolean = outbox.withLock { store.pendingEdits().isNotEmpty() }

    // ---- Sync

    /**
     * Sends the pending edits in order, then pulls what changed. Throws [IOException] when the server cannot be
     * reached (after the retries) and [ApiException] when it refuses the caller (401, 403) or fails otherwise: what
     * was sent by then is settled in the store, the rest waits in the outbox, and nothing is lost or sent twice in effect.
     */
    suspend fun sync(): SyncResult = syncing.withLock {
        val conflicts = ArrayList<Conflict>()
        var pushed = 0
        var edit = nextEdit(null)
        while (edit != null) {
            if (send(edit, conflicts)) pushed++
            edit = nextEdit(edit)
        }
        val pull = pull()
        SyncResult(pushed, pull.todos, pull.deletes, pull.snapshot, conflicts)
    }

    /** The edit after [sent] in the outbox (the first when null); each sent edit has left it or been rebased. */
    private suspend fun nextEdit(sent: PendingEdit?): PendingEdit? = outbox.withLock {
        val pending = store.pendingEdits()
        val at = if (sent == null) -1 else pending.indexOfFirst { it.editId == sent.editId }
        // still there: rebased over an edit the app made while it was on its way; sent next time
        if (at >= 0) pending.getOrNull(at + 1) else pending.firstOrNull()
    }

    private suspend fun send(edit: PendingEdit, conflicts: MutableList<Conflict>): Boolean = when (edit) {
        is PendingEdit.CreateTodo -> sendCreate(edit, conflicts, mayRenew = true)
        is PendingEdit.UpdateTodo -> sendUpdate(edit, conflicts)
        is PendingEdit.DeleteTodo -> sendDelete(edit, conflicts)
        is PendingEdit.PutPreferences -> sendPreferences(edit, conflicts)
    }

    private suspend fun sendCreate(edit: PendingEdit.CreateTodo, conflicts: MutableList<Conflict>, mayRenew: Boolean): Boolean {
        val body = TodoCreate(title = edit.title, id = edit.todoId, notes = edit.notes, done = edit.done, dueAt = edit.dueAt)
        // 201, or 200 when an earlier try whose answer was lost created it: the to-do as it is now either way
        val answer = call { client.todos.createTodo(body) }
        return when {
            answer.isSuccessful -> settled(edit, todo = answer.body()!!)
            // created by an earlier try, then deleted on another device: the delete wins
            answer.code() == 410 -> failed(edit, conflicts, deletedOnServer = true) { Conflict.DeletedOnServer(it) }
            answer.code() == 409 && mayRenew -> { // someone else's to-do has this id: the same create under another
                val renewed = outbox.withLock {
                    val now = inOutbox(edit) as? PendingEdit.CreateTodo ?: return false // deleted here meanwhile
                    now.copy(todoId = UUID.randomUUID().toString()).also { store.replacePendingEdit(now, it) }
                }
                sendCreate(renewed, conflicts, mayRenew = false)
            }
            else -> rejectedOrThrow(edit, answer, conflicts)
        }
    }

    private suspend fun sendUpdate(edit: PendingEdit.UpdateTodo, conflicts: MutableList<Conflict>): Boolean {
        val body = TodoUpdate(title = edit.title, done = edit.done, notes = edit.notes, dueAt = edit.dueAt)
        val answer = call { client.todos.updateTodo(edit.todoId, body, etag(edit.baseVersion)) }
        return when {
            answer.isSuccessful -> settled(edit, todo = answer.body()!!)
            answer.code() == 412 -> {
                val current = ApiException.of(answer).problem?.currentTodo
                // the server has what this edit wanted: an earlier try of it whose answer was lost (the server answers
                // a replayed PUT with 412 and the to-do as that try left it), or the same change made elsewhere
                if (current != null && sameFields(current, edit)) {
                    settled(edit, todo = current)
                } else {
                    failed(edit, conflicts, current) { Conflict.ChangedOnServer(it, current) }
                }
            }
            answer.code() == 404 || answer.code() == 410 -> failed(edit, conflicts, deletedOnServer = true) { Conflict.DeletedOnServer(it) }
            else -> rejectedOrThrow(edit, answer, conflicts)
        }
    }

    private suspend fun sendDelete(edit: PendingEdit.DeleteTodo, conflicts: MutableList<Conflict>): Boolean {
        val answer = call { client.conditionalDeletes.deleteTodo(edit.todoId, etag(edit.baseVersion)) }
        return when {
            answer.isSuccessful || answer.code() == 404 -> settled(edit) // 404: gone already, what the delete wanted
            answer.code() == 412 -> {
                val current = ApiException.of(answer).problem?.currentTodo
                failed(edit, conflicts, current) { Conflict.ChangedOnServer(it, current) }
            }
            else -> rejectedOrThrow(edit, answer, conflicts)
        }
    }

    private suspend fun sendPreferences(edit: PendingEdit.PutPreferences, conflicts: MutableList<Conflict>): Boolean {
        var values = edit.values
        var over = edit.baseVersion
        var overwritten: Preferences? = null
        for (round in 0..2) {
            val sent = values
            val ifMatch = over
            val answer = call { client.preferences.putPreferences(PreferencesUpdate(sent), etag(ifMatch)) }
            if (answer.isSuccessful) {
                settled(edit, preferences = answer.body()!!)
                overwritten?.let { conflicts.add(Conflict.Merged(edit, it)) }
                return true
            }
            if (answer.code() == 412 && round == 2) {
                throw ApiException.of(answer) // other devices keep saving first: the edit stays queued, never dropped
            }
            if (answer.code() != 412) {
                return rejectedOrThrow(edit, answer, conflicts)
            }
            val current = ApiException.of(answer).problem?.currentPreferences
                ?: call { client.preferences.getPreferences() }.let { if (it.isSuccessful) it.body()!! else throw ApiException.of(it) }
            val merge = merge(edit.baseValues, edit.values, current.propertyValues)
            if (sameJson(JsonObject(merge.values), JsonObject(current.propertyValues))) {
                return settled(edit, preferences = current) // the server has it already (an earlier try, or the same edit elsewhere)
            }
            values = merge.values
            over = current.version
            if (merge.clash) overwritten = current
        }
        error("unreachable")
    }

    /** The sent edit took effect: the store takes the server's state, and the edit leaves the outbox. */
    private suspend fun settled(sent: PendingEdit, todo: Todo? = null, preferences: Preferences? = null): Boolean {
        outbox.withLock {
            store.inTransaction {
                when {
                    todo != null -> store.putTodo(todo)
                    preferences != null -> store.putPreferences(preferences)
                    sent is PendingEdit.DeleteTodo -> store.removeTodo(sent.todoId)
                }
                val now = inOutbox(sent)
                when {
                    now != null && (now == sent || sent is PendingEdit.DeleteTodo) -> store.removePendingEdit(now)
                    // the app edited it again while it was on its way: that edit now goes over the version just made
                    now != null -> store.replacePendingEdit(now, now.rebasedOn(todo?.version ?: preferences!!.version, preferences?.propertyValues))
                    // the app deleted the to-do while its create was on its way: delete what was created
                    sent is PendingEdit.CreateTodo && todo != null ->
                        store.addPendingEdit(PendingEdit.DeleteTodo(PendingEdit.newId(), OffsetDateTime.now(), sent.todoId, todo.version))
                }
            }
        }
        return true
    }

    /** The sent edit did not take effect: it leaves the outbox (with any later change of it), the store takes the server's state. */
    private suspend fun failed(sent: PendingEdit, conflicts: MutableList<Conflict>, current: Todo? = null,
                               deletedOnServer: Boolean = false, conflict: (PendingEdit) -> Conflict): Boolean {
        val latest = outbox.withLock {
            store.inTransaction {
                val now = inOutbox(sent)
                if (now != null) store.removePendingEdit(now)
                val todoId = sent.todoIdOrNull
                when {
                    current != null -> store.putTodo(current)
                    todoId != null && deletedOnServer -> store.removeTodo(todoId)
                }
                now ?: sent
            }
        }
        conflicts.add(conflict(latest))
        return false
    }

    /** A 4xx that no retry can change becomes [Conflict.Rejected]; anything else is the caller's to see. */
    private suspend fun rejectedOrThrow(edit: PendingEdit, answer: Response<*>, conflicts: MutableList<Conflict>): Boolean {
        val failure = ApiException.of(answer)
        val code = answer.code()
        if (code !in 400..499 || code == 401 || code == 403 || isTransient(code)) throw failure
        return failed(edit, conflicts) { Conflict.Rejected(it, code, failure.problem) }
    }

    private class Pull(val snapshot: Boolean) {
        var todos = 0
        var deletes = 0
    }

    private suspend fun pull(): Pull {
        val cursor = outbox.withLock { store.cursor() } ?: return pullSnapshot()
        return try {
            pullSince(cursor)
        } catch (gone: ApiException) {
            if (gone.status != 410) throw gone
            // changes after the cursor are no longer kept (30 days), or the account was erased since: start over
            outbox.withLock { store.clearCursor() }
            pullSnapshot()
        }
    }

    private suspend fun pullSince(since: String): Pull {
        val pull = Pull(snapshot = false)
        var cursor = since
        do {
            val page = page(cursor)
            outbox.withLock {
                store.inTransaction {
                    apply(page, pull)
                    store.saveCursor(page.nextCursor) // an interrupted pull goes on from here
                }
            }
            cursor = page.nextCursor
        } while (page.hasMore)
        return pull
    }

    /**
     * Every to-do and the preferences, a page at a time; to-dos of the copy the snapshot does not list were deleted
     * while this device did not look. The cursor is kept only at the end: an interrupted snapshot starts over.
     */
    private suspend fun pullSnapshot(): Pull {
        val pull = Pull(snapshot = true)
        val listed = HashSet<String>()
        var page = page(null)
        while (true) {
            val applied = page
            outbox.withLock { store.inTransaction { apply(applied, pull) } }
            applied.todos.mapTo(listed) { it.id }
            if (!applied.hasMore) break
            page = page(applied.nextCursor)
        }
        val last = page.nextCursor
        outbox.withLock {
            store.inTransaction {
                store.todos().filter { it.id !in listed }.forEach { store.removeTodo(it.id) }
                store.saveCursor(last)
            }
        }
        return pull
    }

    private suspend fun page(since: String?): SyncChanges {
        val answer = call { client.sync.getSyncChanges(since, pageSize) }
        if (!answer.isSuccessful) throw ApiException.of(answer)
        return answer.body()!!
    }

    /** One page into the copy; an older state never replaces a newer one (an edit's answer may be newer than the page). */
    private suspend fun apply(page: SyncChanges, pull: Pull) {
        for (todo in page.todos) {
            val mine = store.todo(todo.id)
            if (mine == null || mine.version <= todo.version) store.putTodo(todo)
            pull.todos++
        }
        for (tombstone in page.deletedTodos) {
            val mine = store.todo(tombstone.id)
            // a tombstone has the version after the to-do's last one: an older tombstone never hides a newer state
            if (mine == null || mine.version < tombstone.version) store.removeTodo(tombstone.id)
            pull.deletes++
        }
        page.preferences?.let { preferences ->
            val mine = store.preferences()
            if (mine == null || mine.version <= preferences.version) store.putPreferences(preferences)
        }
    }

    private suspend fun <T> call(request: suspend () -> Response<T>): Response<T> {
        var wait = firstBackoffMillis
        var attempt = 1
        while (true) {
            val answer = try {
                request()
            } catch (lost: IOException) {
                if (attempt >= attempts) throw lost
                null
            }
            if (answer != null && (!isTransient(answer.code()) || attempt >= attempts)) return answer
            answer?.errorBody()?.close()
            delay(wait)
            wait *= 2
            attempt++
        }
    }

    private suspend fun pendingFor(todoId: String): PendingEdit? = store.pendingEdits().firstOrNull { it.todoIdOrNull == todoId }

    private suspend fun inOutbox(edit: PendingEdit): PendingEdit? = store.pendingEdits().firstOrNull { it.editId == edit.editId }

    internal class Merge(val values: Map<String, JsonElement>, val clash: Boolean)

    internal companion object {
        private fun isTransient(code: Int) = code == 408 || code == 429 || code == 500 || code in 502..504

        private fun etag(version: Long) = "\"$version\""

        private fun view(edit: PendingEdit, base: Todo?): Todo? = when (edit) {
            is PendingEdit.CreateTodo -> Todo(edit.todoId, edit.title, edit.done, edit.madeAt, edit.madeAt, 0, edit.notes, edit.dueAt)
            is PendingEdit.UpdateTodo -> base?.copy(title = edit.title, done = edit.done, notes = edit.notes, dueAt = edit.dueAt, updatedAt = edit.madeAt)
            else -> null
        }

        private fun sameFields(todo: Todo, edit: PendingEdit.UpdateTodo) =
            todo.title == edit.title && todo.notes == edit.notes && todo.done == edit.done &&
                (todo.dueAt == null && edit.dueAt == null || todo.dueAt != null && edit.dueAt != null && todo.dueAt.isEqual(edit.dueAt))

        /** The keys this device changed since the base (set, changed or removed), over the server's document. */
        fun merge(base: Map<String, JsonElement>, mine: Map<String, JsonElement>, theirs: Map<String, JsonElement>): Merge {
            val merged = LinkedHashMap(theirs)
            var clash = false
            for (key in base.keys + mine.keys) {
                if (sameEntry(mine, base, key)) continue // not changed here: the server's value stays
                if (!sameEntry(theirs, base, key) && !sameEntry(theirs, mine, key)) clash = true // this device's wins
                val value = mine[key]
                if (value != null) merged[key] = value else merged.remove(key)
            }
            return Merge(merged, clash)
        }

        private fun sameEntry(a: Map<String, JsonElement>, b: Map<String, JsonElement>, key: String) =
            a.containsKey(key) == b.containsKey(key) && sameJson(a[key], b[key])

        /** JSON equality: numbers by value (14 and 14.0 are one number), objects and arrays member by member. */
        fun sameJson(a: JsonElement?, b: JsonElement?): Boolean = when {
            a is JsonPrimitive && b is JsonPrimitive && !a.isString && !b.isString -> {
                val x = a.content.toBigDecimalOrNull()
                val y = b.content.toBigDecimalOrNull()
                if (x != null && y != null) x.compareTo(y) == 0 else a == b
            }
            a is JsonObject && b is JsonObject -> a.keys == b.keys && a.keys.all { sameJson(a[it], b[it]) }
            a is JsonArray && b is JsonArray -> a.size == b.size && a.indices.all { sameJson(a[it], b[it]) }
            else -> a == b
        }
    }
}

private fun String.toBigDecimalOrNull(): BigDecimal? = try {
    BigDecimal(this)
} catch (notANumber: NumberFormatException) {
    null
}
