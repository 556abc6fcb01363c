package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.OrderCreate
import app.mobilebackend.sdk.kotlin.model.OrderLineCreate
import app.mobilebackend.sdk.kotlin.model.TodoCreate
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** GDPR access and erasure, driven through the Kotlin SDK against the dev server. */
class MyDataThroughKotlinSdkTest : DevServerTestBase() {

    @Test
    fun exportsTheCallersDataThenErasesItAndOnlyIt() = runBlocking {
        val alice = clientFor(newSub())
        val bob = clientFor(newSub())
        alice.todos.createTodo(TodoCreate(title = "Alice's plan")).orThrow()
        alice.orders.placeOrder(OrderCreate(listOf(OrderLineCreate("TEA-GREEN-100", 1)))).orThrow()
        bob.todos.createTodo(TodoCreate(title = "Bob's plan")).orThrow()

        val export = alice.me.exportMyData().orThrow()
        assertEquals(listOf("Alice's plan"), export.todos.map { it.title })
        assertEquals(1, export.orders.size)
        assertTrue(export.files.isEmpty())

        assertEquals(204, alice.me.deleteMe().code())
        assertEquals(204, alice.me.deleteMe().code(), "erasing again is fine")

        val after = alice.me.exportMyData().orThrow()
        assertTrue(after.todos.isEmpty())
        assertTrue(after.orders.isEmpty())
        assertTrue(alice.todos.listTodos(limit = 20).orThrow().items.isEmpty())
        assertEquals(1, bob.todos.listTodos(limit = 20).orThrow().items.size, "Bob is untouched")
    }
}
