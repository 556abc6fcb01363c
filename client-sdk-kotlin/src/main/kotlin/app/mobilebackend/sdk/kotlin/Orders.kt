package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.api.OrdersApi
import app.mobilebackend.sdk.kotlin.model.Order
import app.mobilebackend.sdk.kotlin.model.OrderCreate
import kotlinx.coroutines.delay
import retrofit2.Response
import java.io.IOException
import java.util.UUID

/** Statuses after which the order may or may not have been placed, and sending it again with its key is safe. */
private val RETRIED_STATUSES = setOf(502, 503, 504)

/**
 * Places [order] exactly once: one `Idempotency-Key` is made up for this call and sent with every attempt, so when an
 * answer is lost (a dropped connection, a gateway's 502/503/504) the order is sent again up to [attempts] times in
 * all, [retryDelayMillis] times the attempt number apart, and the API answers with the order it already placed
 * (`Idempotent-Replayed: true`) instead of placing another. Pass [idempotencyKey] to keep a key across app restarts.
 */
suspend fun OrdersApi.placeOrder(
    order: OrderCreate,
    idempotencyKey: String = UUID.randomUUID().toString(),
    attempts: Int = 3,
    retryDelayMillis: Long = 500,
): Response<Order> {
    require(attempts >= 1) { "attempts must be at least 1" }
    var attempt = 1
    while (true) {
        val answer = try {
            createOrder(idempotencyKey, order)
        } catch (lost: IOException) {
            if (attempt == attempts) throw lost
            null
        }
        if (answer != null && (answer.code() !in RETRIED_STATUSES || attempt == attempts)) {
            return answer
        }
        answer?.errorBody()?.close()
        delay(retryDelayMillis * attempt)
        attempt++
    }
}
