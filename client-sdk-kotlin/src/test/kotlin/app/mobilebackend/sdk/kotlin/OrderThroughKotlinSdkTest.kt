package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.FieldError
import app.mobilebackend.sdk.kotlin.model.OrderCreate
import app.mobilebackend.sdk.kotlin.model.OrderLineCreate
import app.mobilebackend.sdk.kotlin.model.OrderStatus
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.util.UUID

/** Placing an order exactly once per idempotency key, driven through the Kotlin SDK against the dev server. */
class OrderThroughKotlinSdkTest : DevServerTestBase() {

    private val teaAndKettle = OrderCreate(listOf(OrderLineCreate("TEA-GREEN-100", 2), OrderLineCreate("KETTLE-GOOSENECK", 1)))

    @Test
    fun placesAnOrderReplaysItForTheSameKeyAndListsAndGetsIt() = runBlocking {
        val orders = clientFor(newSub()).orders
        val key = UUID.randomUUID().toString()

        val placed = orders.placeOrder(teaAndKettle, idempotencyKey = key)
        assertEquals(201, placed.code())
        val order = placed.orThrow()
        assertEquals(OrderStatus.PLACED, order.status)
        assertEquals(5890L, order.total.amountMinor)
        assertEquals("EUR", order.total.currency)
        assertEquals("Gooseneck kettle, 0.8 l", order.lines[1].name)
        assertEquals("/orders/${order.id}", placed.headers()["Location"])
        assertNull(placed.headers()["Idempotent-Replayed"])

        // the app lost the answer and sends the order again with the same key
        val replayed = orders.placeOrder(teaAndKettle, idempotencyKey = key)
        assertEquals(201, replayed.code())
        assertEquals("true", replayed.headers()["Idempotent-Replayed"])
        assertEquals(order, replayed.orThrow())

        val page = orders.listOrders(limit = 20).orThrow()
        assertEquals(listOf(order), page.items)
        assertNull(page.nextCursor)
        assertEquals(order, orders.getOrder(order.id).orThrow())
    }

    @Test
    fun placesTwoOrdersForTwoCallsWithoutAKeyOfTheirOwn() = runBlocking {
        val orders = clientFor(newSub()).orders

        val first = orders.placeOrder(teaAndKettle)
        val second = orders.placeOrder(teaAndKettle)
        assertNull(second.headers()["Idempotent-Replayed"])
        assertNotEquals(first.orThrow().id, second.orThrow().id)
        assertEquals(2, orders.listOrders().orThrow().items.size)
    }

    @Test
    fun answersConflictForAReusedKeyAndUnprocessableForAnUnknownSku() = runBlocking {
        val orders = clientFor(newSub()).orders
        val key = UUID.randomUUID().toString()
        orders.createOrder(key, OrderCreate(listOf(OrderLineCreate("TEA-BLACK-100", 1)))).orThrow()

        val conflict = failureOf { orders.createOrder(key, OrderCreate(listOf(OrderLineCreate("TEA-BLACK-100", 5)))).orThrow() }
        assertEquals(409, conflict.status)
        assertEquals("Idempotency-Key $key was used for another request.", problemOf(conflict).detail)

        val unknown = failureOf {
            orders.placeOrder(OrderCreate(listOf(OrderLineCreate("TEA-BLACK-100", 1), OrderLineCreate("TEA-BLACK-999", 1)))).orThrow()
        }
        assertEquals(422, unknown.status)
        assertEquals(listOf(FieldError(field = "lines[1].sku", message = "no product with sku TEA-BLACK-999")), problemOf(unknown).errors)
        assertEquals(1, orders.listOrders().orThrow().items.size)
    }
}
