package app.mobilebackend.sdk.kotlin.sync

import app.mobilebackend.sdk.kotlin.MobileBackendClient
import app.mobilebackend.sdk.kotlin.model.Preferences
import app.mobilebackend.sdk.kotlin.model.Todo
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.OffsetDateTime

/** What [Sync] does without the network: the outbox it keeps (one edit per to-do) and the view it shows. */
class SyncOfflineTest {

    private val store = InMemorySyncStore()
    private val sync = Sync(MobileBackendClient.anonymous("http://127.0.0.1:9"), store)

    @Test
    fun editsOfAToDoCreatedOfflineFoldIntoItsCreate() = runBlocking {
        val created = sync.createTodo("Buy milk")
        sync.updateTodo(created.id, "Buy oat milk", "2 litres", done = true)

        val only = store.pendingEdits().single() as PendingEdit.CreateTodo
        assertEquals("Buy oat milk", only.title)
        assertEquals(created.id, only.todoId)
        val shown = sync.todo(created.id)!!
        assertEquals("2 litres", shown.notes)
        assertEquals(0L, shown.version)

        sync.deleteTodo(created.id)
        assertEquals(listOf<PendingEdit>(), store.pendingEdits()) // the server never hears of it
        assertEquals(listOf<Todo>(), sync.todos())
    }

    @Test
    fun anUpdateKeepsTheVersionItWasMadeOverAndADeleteTakesItsPlace() = runBlocking {
        val at = OffsetDateTime.parse("2026-11-25T09:30:00Z")
        store.putTodo(Todo("t1", "Water the plants", false, at, at, 4))
        sync.updateTodo("t1", "Water the ferns", done = false)
        sync.updateTodo("t1", "Water the roses", done = true)

        val update = store.pendingEdits().single() as PendingEdit.UpdateTodo
        assertEquals(4L, update.baseVersion)
        assertEquals("Water the roses", sync.todo("t1")!!.title)
        assertEquals(at, sync.todo("t1")!!.createdAt)

        sync.deleteTodo("t1")
        assertEquals(4L, (store.pendingEdits().single() as PendingEdit.DeleteTodo).baseVersion)
        assertEquals(listOf<Todo>(), sync.todos())
        assertThrows(IllegalStateException::class.java) { runBlocking { sync.updateTodo("t1", "Too late", done = false) } }
        Unit
    }

    @Test
    fun preferencesShowTheEditAndKeepTheBaseTheyWereMadeOver() = runBlocking {
        store.putPreferences(Preferences(mapOf("theme" to JsonPrimitive("dark")), 2))
        sync.putPreferences(mapOf("theme" to JsonPrimitive("light")))
        sync.putPreferences(mapOf("theme" to JsonPrimitive("light"), "fontSize" to JsonPrimitive(16)))

        val edit = store.pendingEdits().single() as PendingEdit.PutPreferences
        assertEquals(2L, edit.baseVersion)
        assertEquals(mapOf("theme" to JsonPrimitive("dark")), edit.baseValues)
        assertEquals(mapOf("theme" to JsonPrimitive("light"), "fontSize" to JsonPrimitive(16)), sync.preferences().propertyValues)
    }

    @Test
    fun aMergeTakesTheKeysThisDeviceChangedOverTheServersDocument() {
        val base = mapOf("theme" to JsonPrimitive("dark"), "fontSize" to JsonPrimitive(14), "sound" to JsonPrimitive(true))
        val mine = mapOf("theme" to JsonPrimitive("dark"), "fontSize" to JsonPrimitive(16.0)) // size changed, sound removed
        val theirs = mapOf("theme" to JsonPrimitive("light"), "fontSize" to JsonPrimitive(14.0), "sound" to JsonPrimitive(true),
            "language" to JsonPrimitive("fr"))

        val merge = Sync.merge(base, mine, theirs)

        assertEquals(mapOf("theme" to JsonPrimitive("light"), "fontSize" to JsonPrimitive(16.0), "language" to JsonPrimitive("fr")), merge.values)
        assertFalse(merge.clash)
        assertTrue(Sync.merge(base, mapOf("theme" to JsonPrimitive("blue")), mapOf("theme" to JsonPrimitive("light"))).clash)
        assertFalse(Sync.merge(base, mapOf("theme" to JsonPrimitive("light")), mapOf("theme" to JsonPrimitive("light"))).clash)
        assertTrue(Sync.sameJson(JsonPrimitive(14), JsonPrimitive(14.0)))
        assertFalse(Sync.sameJson(JsonPrimitive(14), JsonPrimitive("14")))
    }
}
