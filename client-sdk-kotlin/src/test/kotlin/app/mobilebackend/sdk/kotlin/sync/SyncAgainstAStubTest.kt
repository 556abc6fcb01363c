package app.mobilebackend.sdk.kotlin.sync

import app.mobilebackend.sdk.kotlin.ApiException
import app.mobilebackend.sdk.kotlin.MobileBackendClient
import app.mobilebackend.sdk.kotlin.model.Todo
import kotlinx.coroutines.runBlocking
import okhttp3.mockwebserver.MockResponse
import okhttp3.mockwebserver.MockWebServer
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import java.time.OffsetDateTime

/** What [Sync] does with answers the dev server does not give on demand: a 503, a 401, a stale tombstone. */
class SyncAgainstAStubTest {

    private val server = MockWebServer()
    private val store = InMemorySyncStore()
    private val sync = Sync(MobileBackendClient.anonymous(server.url("/").toString()), store, attempts = 3, firstBackoffMillis = 0)
    private val at = OffsetDateTime.parse("2026-11-25T09:30:00Z")

    @AfterEach
    fun stop() = server.shutdown()

    private fun json(status: Int, body: String) = MockResponse().setResponseCode(status)
        .setHeader("Content-Type", if (status < 400) "application/json" else "application/problem+json").setBody(body)

    private fun todoJson(id: String, version: Long) =
        """{"id":"$id","title":"$id","done":false,"createdAt":"$at","updatedAt":"$at","version":$version}"""

    private fun page(todos: String = "", deleted: String = "") =
        json(200, """{"todos":[$todos],"deletedTodos":[$deleted],"nextCursor":"c1","hasMore":false}""")

    @Test
    fun aBusyServerIsAskedAgainAndTheEditGoesThrough() = runBlocking {
        val made = sync.createTodo("Sent on the third try")
        server.enqueue(json(503, """{"type":"about:blank","title":"Service Unavailable","status":503}"""))
        server.enqueue(json(429, """{"type":"about:blank","title":"Too Many Requests","status":429}"""))
        server.enqueue(json(201, todoJson(made.id, 1)))
        server.enqueue(page(todos = todoJson(made.id, 1)))

        val result = sync.sync()

        assertEquals(1, result.pushed)
        assertEquals(List(3) { "POST /todos" }, List(3) { server.takeRequest().let { "${it.method} ${it.path}" } })
        assertEquals(1L, store.todo(made.id)!!.version)
        assertEquals(listOf<PendingEdit>(), store.pendingEdits())
        assertEquals("c1", store.cursor())
    }

    @Test
    fun aRefusedTokenStopsTheSyncAndKeepsTheEdit() = runBlocking {
        sync.createTodo("Waits for a token")
        val before = store.pendingEdits()
        server.enqueue(json(401, """{"type":"about:blank","title":"Unauthorized","status":401}"""))

        val refused = assertThrows(ApiException::class.java) { runBlocking { sync.sync() } }

        assertEquals(401, refused.status)
        assertEquals(1, server.requestCount) // not retried
        assertEquals(before, store.pendingEdits())
    }

    @Test
    fun aTombstoneOnlyRemovesAnOlderStateOfTheToDo() = runBlocking {
        store.saveCursor("c0")
        store.putTodo(Todo("newer", "newer", false, at, at, 5))
        store.putTodo(Todo("older", "older", false, at, at, 2))
        server.enqueue(page(deleted = """{"id":"newer","version":4,"deletedAt":"$at"},{"id":"older","version":3,"deletedAt":"$at"}"""))

        val result = sync.sync()

        assertEquals(2, result.pulledDeletes)
        assertEquals(listOf("newer"), store.todos().map { it.id })
        assertEquals("/sync/changes?since=c0&limit=100", server.takeRequest().path)
        assertEquals("c1", store.cursor())
    }
}
