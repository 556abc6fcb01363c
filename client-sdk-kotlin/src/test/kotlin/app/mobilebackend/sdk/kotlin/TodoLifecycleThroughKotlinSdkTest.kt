package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.TodoCreate
import app.mobilebackend.sdk.kotlin.model.TodoUpdate
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.time.OffsetDateTime

/** A to-do's whole life, driven through the Kotlin SDK (Retrofit, kotlinx.serialization) against the running dev server. */
class TodoLifecycleThroughKotlinSdkTest : DevServerTestBase() {

    private val due = OffsetDateTime.parse("2026-12-01T18:00:00Z")

    @Test
    fun createsListsGetsUpdatesAndDeletesATodo() = runBlocking {
        val todos = clientFor(newSub()).todos

        val created = todos.createTodo(TodoCreate(title = "Buy milk", notes = "Oat, 2 litres", dueAt = due))
        assertEquals(201, created.code())
        val todo = created.orThrow()
        val id = todo.id
        assertFalse(id.isBlank())
        assertEquals("Buy milk", todo.title)
        assertEquals("Oat, 2 litres", todo.notes)
        assertEquals(false, todo.done)
        assertEquals(due.toInstant(), todo.dueAt?.toInstant())
        assertEquals(1L, todo.version)
        assertEquals(todo.createdAt, todo.updatedAt)
        assertEquals(etag(1), created.headers()["ETag"])
        assertEquals("/todos/$id", created.headers()["Location"])

        val page = todos.listTodos().orThrow()
        assertEquals(listOf(todo), page.items)
        assertNull(page.nextCursor)
        assertEquals(listOf(todo), todos.listTodos(limit = 20, done = false).orThrow().items)
        assertEquals(listOf<Any>(), todos.listTodos(limit = 20, done = true).orThrow().items)

        val got = todos.getTodo(id)
        assertEquals(200, got.code())
        assertEquals(todo, got.orThrow())
        assertEquals(etag(1), got.headers()["ETag"])

        val updated = todos.updateTodo(id, TodoUpdate(title = "Buy oat milk", done = true, notes = null, dueAt = due), etag(todo.version))
        assertEquals(200, updated.code())
        val current = updated.orThrow()
        assertEquals(id, current.id)
        assertEquals("Buy oat milk", current.title)
        assertNull(current.notes)
        assertEquals(true, current.done)
        assertEquals(2L, current.version)
        assertEquals(todo.createdAt, current.createdAt)
        assertFalse(current.updatedAt.isBefore(todo.updatedAt))
        assertEquals(etag(2), updated.headers()["ETag"])
        assertEquals(listOf(current), todos.listTodos(done = true).orThrow().items)

        assertProblem(problem(412, "Precondition Failed", "The to-do has changed since version 1; the current version is 2.").copy(currentTodo = current),
            failureOf { todos.updateTodo(id, TodoUpdate(title = "Buy cow milk", done = false), etag(1)).orThrow() })
        assertEquals(current, todos.getTodo(id).orThrow())

        val deleted = todos.deleteTodo(id)
        assertEquals(204, deleted.code())
        deleted.orThrow()

        assertProblem(problem(404, "Not Found", "No to-do with id $id."), failureOf { todos.getTodo(id).orThrow() })
        assertEquals(listOf<Any>(), todos.listTodos().orThrow().items)
    }

    @Test
    fun updatesWithCurrentVersionAndRejectsStaleOne() = runBlocking {
        val todos = clientFor(newSub()).todos
        val id = todos.createTodo(TodoCreate(title = "Water the plants")).orThrow().id

        val second = todos.updateTodo(id, TodoUpdate(title = "Water the plants", done = true), etag(1)).orThrow()
        val third = todos.updateTodo(id, TodoUpdate(title = "Water the ferns", done = true), etag(2)).orThrow()
        assertEquals(2L, second.version)
        assertEquals(3L, third.version)
        assertEquals("Water the ferns", third.title)

        assertProblem(problem(412, "Precondition Failed", "The to-do has changed since version 2; the current version is 3.").copy(currentTodo = third),
            failureOf { todos.updateTodo(id, TodoUpdate(title = "Water nothing", done = false), etag(2)).orThrow() })
        assertEquals(third, todos.getTodo(id).orThrow())
    }

    @Test
    fun refusesAnUpdateWithoutIfMatch() = runBlocking {
        val todos = clientFor(newSub()).todos
        val todo = todos.createTodo(TodoCreate(title = "Call the plumber")).orThrow()

        assertProblem(problem(428, "Precondition Required", "This operation requires an If-Match header with the current ETag."),
            failureOf { todos.updateTodo(todo.id, TodoUpdate(title = "Call the electrician", done = false)).orThrow() })
        assertEquals(todo, todos.getTodo(todo.id).orThrow())
    }

    @Test
    fun answersNotModifiedWhenTheClientsCopyIsCurrent() = runBlocking {
        val todos = clientFor(newSub()).todos
        val todo = todos.createTodo(TodoCreate(title = "Read a book")).orThrow()

        assertEquals(Conditional.NotModified, todos.getTodo(todo.id, ifNoneMatch = etag(1)).ifModified())
        val notModified = failureOf { todos.getTodo(todo.id, ifNoneMatch = etag(1)).orThrow() }
        assertEquals(304, notModified.status)
        assertNull(notModified.problem)

        assertEquals(Conditional.Modified(todo, etag(1)), todos.getTodo(todo.id, ifNoneMatch = etag(0)).ifModified())
    }

    @Test
    fun pagesThroughTodosOldestFirstAsAFlow() = runBlocking {
        val todos = clientFor(newSub()).todos
        val first = todos.createTodo(TodoCreate(title = "First")).orThrow()
        val second = todos.createTodo(TodoCreate(title = "Second", done = true)).orThrow()
        val third = todos.createTodo(TodoCreate(title = "Third")).orThrow()

        val cursors = mutableListOf<String?>()
        val pages = pages({ cursor -> cursors.add(cursor); todos.listTodos(limit = 2, cursor = cursor) }) { it.nextCursor }.toList()
        assertEquals(listOf(listOf(first, second), listOf(third)), pages.map { it.items })
        assertEquals(2, cursors.size)
        assertNull(cursors[0])
        assertNotNull(cursors[1])
        assertEquals(pages[0].nextCursor, cursors[1])

        assertEquals(listOf(first, third), todos.listTodos(done = false).orThrow().items)
        assertEquals(listOf(second), todos.listTodos(done = true).orThrow().items)
    }

    @Test
    fun hidesOneUsersTodosFromAnother() = runBlocking {
        val alice = clientFor(newSub()).todos
        val bob = clientFor(newSub()).todos
        val todo = alice.createTodo(TodoCreate(title = "Alice's secret")).orThrow()

        assertEquals(404, failureOf { bob.getTodo(todo.id).orThrow() }.status)
        assertEquals(listOf<Any>(), bob.listTodos().orThrow().items)
        assertEquals(404, failureOf { bob.deleteTodo(todo.id).orThrow() }.status)
        assertEquals(todo, alice.getTodo(todo.id).orThrow())
    }

    @Test
    fun rejectsACallWithoutAToken() = runBlocking {
        val todos = MobileBackendClient.anonymous(dev.url()).todos

        val unauthorized = failureOf { todos.listTodos().orThrow() }
        assertProblem(problem(401, "Unauthorized", "A valid access token is required."), unauthorized)
        assertEquals("HTTP 401: Unauthorized (A valid access token is required.)", unauthorized.message)
    }

    @Test
    fun answersHealthWithoutAToken() = runBlocking {
        val health = MobileBackendClient.anonymous(dev.url()).health.getHealth().orThrow()
        assertEquals("UP", health.status.value)
        assertEquals("UP", health.checks["database"]?.value)
    }
}
