package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.PreferencesUpdate
import app.mobilebackend.sdk.kotlin.model.Todo
import app.mobilebackend.sdk.kotlin.model.TodoCreate
import app.mobilebackend.sdk.kotlin.model.TodoUpdate
import app.mobilebackend.sdk.kotlin.sync.Conflict
import app.mobilebackend.sdk.kotlin.sync.InMemorySyncStore
import app.mobilebackend.sdk.kotlin.sync.PendingEdit
import app.mobilebackend.sdk.kotlin.sync.Sync
import kotlinx.coroutines.runBlocking
import okhttp3.Interceptor
import okhttp3.OkHttpClient
import okhttp3.Response
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.IOException
import java.time.OffsetDateTime
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap

/** The offline sync helper ([Sync]) of devices of one user, against the dev server. */
class SyncThroughKotlinSdkTest : DevServerTestBase() {

    private class Device(sub: String) {
        val store = InMemorySyncStore()
        val sync = Sync(clientFor(sub), store, pageSize = 2, attempts = 1, firstBackoffMillis = 0)
    }

    private fun prefs(vararg entries: Pair<String, Any>) = entries.associate { (key, value) ->
        key to when (value) {
            is Number -> JsonPrimitive(value)
            is Boolean -> JsonPrimitive(value)
            else -> JsonPrimitive(value.toString())
        }
    }

    @Test
    fun twoDevicesOneOfflineConvergeWithTheConflictWhereTheRulesSay() = runBlocking {
        val sub = newSub()
        val a = Device(sub)
        val b = Device(sub)
        val milk = a.sync.createTodo("Buy milk")
        val plants = a.sync.createTodo("Water the plants")
        val bills = a.sync.createTodo("Pay the bills")
        assertEquals(3, a.sync.sync().pushed)
        assertTrue(b.sync.sync().snapshot)
        assertEquals(a.sync.todos(), b.sync.todos())

        // b is offline: it edits milk, deletes plants, creates a to-do; a edits milk and bills meanwhile
        b.sync.updateTodo(milk.id, "Buy oat milk", done = false)
        b.sync.deleteTodo(plants.id)
        val call = b.sync.createTodo("Call mum", "Sunday")
        assertEquals(listOf("Buy oat milk", "Pay the bills", "Call mum"), b.sync.todos().map { it.title })
        a.sync.updateTodo(milk.id, "Buy cow milk", done = true)
        a.sync.updateTodo(bills.id, "Pay the bills", "by Friday", done = false)
        a.sync.sync()

        val reconnect = b.sync.sync()
        assertEquals(2, reconnect.pushed)
        val conflict = reconnect.conflicts.single() as Conflict.ChangedOnServer
        assertEquals(milk.id, (conflict.edit as PendingEdit.UpdateTodo).todoId)
        assertEquals("Buy oat milk", (conflict.edit as PendingEdit.UpdateTodo).title)
        assertEquals("Buy cow milk", conflict.currentTodo!!.title)
        assertEquals(2L, conflict.currentTodo!!.version)
        assertFalse(reconnect.snapshot)
        assertEquals(listOf("Buy cow milk", "Pay the bills", "Call mum"), b.sync.todos().map { it.title })
        assertEquals("by Friday", b.sync.todo(bills.id)!!.notes)

        // b resolves: its title, a's done
        b.sync.updateTodo(milk.id, "Buy oat milk", done = true)
        assertTrue(b.sync.sync().conflicts.isEmpty())
        a.sync.sync()

        val server = clientFor(sub).todos.listTodos(limit = 100).orThrow().items.sortedBy { it.id }
        assertEquals(server, a.sync.todos().sortedBy { it.id })
        assertEquals(server, b.sync.todos().sortedBy { it.id })
        assertEquals(listOf("Buy oat milk", "Call mum", "Pay the bills"), server.map { it.title }.sorted())
        assertEquals(3L, server.single { it.id == milk.id }.version)
        assertEquals(call.id, server.single { it.title == "Call mum" }.id)
        assertFalse(a.sync.hasPendingEdits() || b.sync.hasPendingEdits())
    }

    /**
     * Sends each request on to the server, then loses the answer of the first request of each kind named (`POST /todos`,
     * `PUT /todos/{id}`...) as a dropped connection would: the server did the work, the device does not know.
     */
    private class LoseFirstAnswers(vararg kinds: String) : Interceptor {
        val toLose: MutableSet<String> = ConcurrentHashMap.newKeySet<String>().apply { addAll(kinds) }

        override fun intercept(chain: Interceptor.Chain): Response {
            val request = chain.request()
            val answer = chain.proceed(request)
            if (toLose.remove(request.method + " " + request.url.encodedPath.replace(Regex("^/todos/.+"), "/todos/{id}"))) {
                answer.close()
                throw IOException("answer lost: ${request.method} ${request.url}")
            }
            return answer
        }
    }

    @Test
    fun editsWhoseAnswersWereLostAreSentAgainAndChangeNothingMore() = runBlocking {
        val sub = newSub()
        val lose = LoseFirstAnswers("POST /todos", "PUT /me/preferences", "PUT /todos/{id}", "DELETE /todos/{id}")
        val token = dev.token(sub)
        val flaky = MobileBackendClient(dev.url(), AccessTokenProvider { token }, OkHttpClient.Builder().addInterceptor(lose).build())
        val device = Sync(flaky, InMemorySyncStore(), attempts = 2, firstBackoffMillis = 0)
        val server = clientFor(sub)

        // 201 lost, then 200 replayed; 200 lost, then 412 showing this very document
        val made = device.createTodo("Made offline")
        device.putPreferences(prefs("theme" to "dark"))
        var replayed = device.sync()
        assertEquals(2, replayed.pushed)
        assertTrue(replayed.conflicts.isEmpty(), replayed.toString())
        assertEquals(listOf(made.id to 1L), server.todos.listTodos(limit = 100).orThrow().items.map { it.id to it.version })
        assertEquals(1L, device.todo(made.id)!!.version)
        assertEquals(1L, server.preferences.getPreferences().orThrow().version)

        // 200 lost, then 412 with the to-do as that first try left it: settled, not a conflict
        device.updateTodo(made.id, "Made offline, edited", done = true)
        replayed = device.sync()
        assertEquals(1, replayed.pushed)
        assertTrue(replayed.conflicts.isEmpty(), replayed.toString())
        val edited = server.todos.getTodo(made.id).orThrow()
        assertEquals(2L to "Made offline, edited", edited.version to edited.title)
        assertEquals(edited, device.todo(made.id))

        // 204 lost, then 204 again
        device.deleteTodo(made.id)
        replayed = device.sync()
        assertEquals(1, replayed.pushed)
        assertTrue(replayed.conflicts.isEmpty(), replayed.toString())

        assertEquals(setOf<String>(), lose.toLose) // every kind of answer was lost once
        assertEquals(listOf<Todo>(), server.todos.listTodos(limit = 100).orThrow().items)
        assertEquals(listOf<Todo>(), device.todos())
        assertFalse(device.hasPendingEdits())
        assertEquals(prefs("theme" to "dark"), device.preferences().propertyValues)
    }

    @Test
    fun aDeleteOfAChangedToDoAndAnUpdateOfADeletedOneAreConflicts() = runBlocking {
        val sub = newSub()
        val device = Device(sub)
        val changed = device.sync.createTodo("Changed elsewhere")
        val gone = device.sync.createTodo("Deleted elsewhere")
        device.sync.sync()
        val other = clientFor(sub)
        val now = other.todos.updateTodo(changed.id, TodoUpdate(title = "Changed elsewhere, again", done = true), etag(1)).orThrow()
        other.conditionalDeletes.deleteTodo(gone.id, etag(1)).orThrow()

        device.sync.deleteTodo(changed.id)
        device.sync.updateTodo(gone.id, "Too late", done = false)
        val result = device.sync.sync()

        assertEquals(0, result.pushed)
        assertEquals(listOf(Conflict.Kind.CHANGED_ON_SERVER, Conflict.Kind.DELETED_ON_SERVER), result.conflicts.map { it.kind })
        val kept = result.conflicts[0] as Conflict.ChangedOnServer
        assertEquals(changed.id, (kept.edit as PendingEdit.DeleteTodo).todoId)
        assertEquals(now, kept.currentTodo)
        assertEquals(gone.id, (result.conflicts[1].edit as PendingEdit.UpdateTodo).todoId)
        assertEquals(listOf(now), device.sync.todos()) // the server's state wins until the app edits again
        assertFalse(device.sync.hasPendingEdits())
    }

    @Test
    fun aCreateUnderAnIdSomeoneElseHasIsSentAgainUnderANewId() = runBlocking {
        val taken = clientFor(newSub()).todos.createTodo(TodoCreate(title = "Someone else's", id = UUID.randomUUID().toString())).orThrow()
        val sub = newSub()
        val device = Device(sub)
        val at = OffsetDateTime.now()
        device.store.addPendingEdit(PendingEdit.CreateTodo(UUID.randomUUID().toString(), at, taken.id, "Mine", null, false, null))

        val result = device.sync.sync()

        assertEquals(1, result.pushed)
        assertTrue(result.conflicts.isEmpty(), result.toString())
        val mine = clientFor(sub).todos.listTodos(limit = 100).orThrow().items.single()
        assertEquals("Mine", mine.title)
        assertTrue(mine.id != taken.id)
        assertEquals(listOf(mine), device.sync.todos())
    }

    @Test
    fun aCursorOfAnErasedAccountAnswers410AndTheDeviceResyncsFromASnapshot() = runBlocking {
        val sub = newSub()
        val device = Device(sub)
        device.sync.createTodo("Before the erasure")
        device.sync.sync()
        val cursor = device.store.cursor()!!

        clientFor(sub).me.deleteMe().orThrow()
        val after = clientFor(sub).todos.createTodo(TodoCreate(title = "After the erasure")).orThrow()
        assertEquals(410, failureOf { clientFor(sub).sync.getSyncChanges(cursor, 10).orThrow() }.status)

        val resync = device.sync.sync()
        assertTrue(resync.snapshot)
        assertEquals(listOf(after), device.sync.todos())
        assertTrue(device.sync.sync().conflicts.isEmpty())
        assertEquals(listOf(after), device.sync.todos())
    }

    @Test
    fun preferencesChangedOnTwoDevicesAreMergedFieldByField() = runBlocking {
        val sub = newSub()
        val a = Device(sub)
        val b = Device(sub)
        a.sync.putPreferences(prefs("theme" to "dark", "fontSize" to 14, "language" to "en"))
        a.sync.sync()
        b.sync.sync()

        b.sync.putPreferences(prefs("theme" to "dark", "fontSize" to 16, "language" to "en")) // offline: only the size
        a.sync.putPreferences(prefs("theme" to "light", "fontSize" to 14, "language" to "en")) // only the theme
        a.sync.sync()
        val merged = b.sync.sync()

        assertTrue(merged.conflicts.isEmpty(), merged.toString())
        assertEquals(prefs("theme" to "light", "fontSize" to 16, "language" to "en"),
            clientFor(sub).preferences.getPreferences().orThrow().propertyValues)
        assertEquals(3L, b.sync.preferences().version)

        // both change the language: this device's value is saved, and the app hears of the other's
        a.sync.sync()
        a.sync.putPreferences(prefs("theme" to "light", "fontSize" to 16, "language" to "fr"))
        b.sync.putPreferences(prefs("theme" to "light", "fontSize" to 16, "language" to "de"))
        a.sync.sync()
        val clash = b.sync.sync().conflicts.single() as Conflict.Merged
        assertEquals(JsonPrimitive("fr"), clash.currentPreferences.propertyValues["language"])
        assertEquals(JsonPrimitive("de"), clientFor(sub).preferences.getPreferences().orThrow().propertyValues["language"])
    }

    @Test
    fun anEditTheServerRefusesIsReportedAndTheOthersAreStillSent() = runBlocking {
        val device = Device(newSub())
        device.sync.createTodo("x".repeat(201))
        val fine = device.sync.createTodo("Fine")

        val result = device.sync.sync()

        assertEquals(1, result.pushed)
        val rejected = result.conflicts.single() as Conflict.Rejected
        assertEquals(400, rejected.status)
        assertEquals("title", rejected.problem!!.errors!!.first().field)
        assertEquals(listOf(fine.id), device.sync.todos().map { it.id })
        assertFalse(device.sync.hasPendingEdits())
    }

    @Test
    fun aServerOutOfReachLeavesTheOutboxAsItWas() = runBlocking {
        val store = InMemorySyncStore()
        val offline = Sync(MobileBackendClient.anonymous("http://127.0.0.1:9"), store, attempts = 2, firstBackoffMillis = 0)
        offline.createTodo("Made in a tunnel")
        val before = store.pendingEdits()

        assertThrows(IOException::class.java) { runBlocking { offline.sync() } }

        assertEquals(before, store.pendingEdits())
        assertNull(store.cursor())
    }
}
