package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.generated.infrastructure.Serializer
import app.mobilebackend.sdk.kotlin.model.Money
import app.mobilebackend.sdk.kotlin.model.Order
import app.mobilebackend.sdk.kotlin.model.OrderCreate
import app.mobilebackend.sdk.kotlin.model.OrderLine
import app.mobilebackend.sdk.kotlin.model.OrderLineCreate
import app.mobilebackend.sdk.kotlin.model.OrderStatus
import app.mobilebackend.sdk.kotlin.model.Problem
import kotlinx.coroutines.runBlocking
import okhttp3.OkHttpClient
import okhttp3.mockwebserver.Dispatcher
import okhttp3.mockwebserver.MockResponse
import okhttp3.mockwebserver.MockWebServer
import okhttp3.mockwebserver.RecordedRequest
import okhttp3.mockwebserver.SocketPolicy
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.IOException
import java.time.OffsetDateTime
import java.util.concurrent.CopyOnWriteArrayList

/** What the hand-written layer adds to the generated client, against a stub server on loopback. */
class MobileBackendClientTest {

    private val server = MockWebServer()
    private val requests = CopyOnWriteArrayList<RecordedRequest>()
    private val refreshed = CopyOnWriteArrayList<String>()
    private val refreshThreads = CopyOnWriteArrayList<Thread>()

    @AfterEach
    fun stopStub() {
        server.shutdown()
    }

    /** The stub answers each request with [answer], after noting it. */
    private fun serve(answer: (RecordedRequest) -> MockResponse): String {
        server.dispatcher = object : Dispatcher() {
            override fun dispatch(request: RecordedRequest): MockResponse {
                requests.add(request)
                return answer(request)
            }
        }
        server.start()
        return server.url("/").toString()
    }

    /** Health for "Bearer fresh" only; 401 problem for anything else. */
    private fun serveHealthForFreshTokenOnly(): String = serve { request ->
        if (request.getHeader("Authorization") == "Bearer fresh") json(200, HEALTH)
        else problemJson(401, """{"type":"about:blank","title":"Unauthorized","status":401}""")
    }

    private fun tokens(current: String, refreshTo: String?) = object : AccessTokenProvider {
        override fun accessToken() = current
        override fun refreshAccessToken(refused: String): String? {
            refreshed.add(refused)
            refreshThreads.add(Thread.currentThread())
            return refreshTo
        }
    }

    @Test
    fun refreshesARefusedTokenOnceOffTheCallingThreadAndSendsTheCallAgain() = runBlocking {
        val url = serveHealthForFreshTokenOnly()
        val client = MobileBackendClient(url, tokens("stale", "fresh"))

        assertEquals("UP", client.health.getHealth().orThrow().status.value)
        assertEquals(listOf("Bearer stale", "Bearer fresh"), requests.map { it.getHeader("Authorization") })
        assertEquals(listOf("stale"), refreshed)
        assertNotEquals(Thread.currentThread(), refreshThreads.single())
    }

    @Test
    fun letsThe401ReachTheAppWhenTheRefreshedTokenIsRefusedToo() = runBlocking {
        val url = serveHealthForFreshTokenOnly()
        val client = MobileBackendClient(url, tokens("stale", "also-stale"))

        val refused = assertThrows(ApiException::class.java) { runBlocking { client.health.getHealth().orThrow() } }
        assertEquals(401, refused.status)
        assertEquals("Unauthorized", refused.problem?.title)
        assertEquals(listOf("Bearer stale", "Bearer also-stale"), requests.map { it.getHeader("Authorization") })
        assertEquals(listOf("stale"), refreshed)
    }

    @Test
    fun letsThe401ReachTheAppWhenThereIsNoRefreshedToken() = runBlocking {
        val url = serveHealthForFreshTokenOnly()
        val client = MobileBackendClient(url, AccessTokenProvider { "stale" })

        assertEquals(401, assertThrows(ApiException::class.java) { runBlocking { client.health.getHealth().orThrow() } }.status)
        assertEquals(1, requests.size)
    }

    @Test
    fun readsAProblemOnlyWhenTheContentTypeSaysSo() = runBlocking {
        val url = serve { request ->
            when (request.path) {
                "/todos/stale" -> problemJson(412, """{"type":"about:blank","title":"Precondition Failed","status":412,""" +
                    """"detail":"The to-do has changed.","currentVersion":3}""")
                "/todos/gateway" -> MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
                    .setBody("""<html><body>{"type":"about:blank","title":"Bad Gateway","status":502}</body></html>""")
                else -> problemJson(500, """{"not":"a problem"}""")
            }
        }
        val todos = MobileBackendClient(url, AccessTokenProvider { "token" }).todos

        val stale = assertThrows(ApiException::class.java) { runBlocking { todos.getTodo("stale").orThrow() } }
        assertEquals(Problem(type = "about:blank", title = "Precondition Failed", status = 412, detail = "The to-do has changed."), stale.problem)
        assertEquals("HTTP 412: Precondition Failed (The to-do has changed.)", stale.message)

        val gateway = assertThrows(ApiException::class.java) { runBlocking { todos.getTodo("gateway").orThrow() } }
        assertEquals(502, gateway.status)
        assertNull(gateway.problem)
        assertTrue(gateway.body!!.startsWith("<html>"), gateway.body)
        assertEquals("HTTP 502", gateway.message)

        val malformed = assertThrows(ApiException::class.java) { runBlocking { todos.getTodo("other").orThrow() } }
        assertEquals(500, malformed.status)
        assertNull(malformed.problem)
    }

    @Test
    fun announcesItselfWithTheSdksVersion() = runBlocking {
        val url = serve { json(200, HEALTH) }
        MobileBackendClient.anonymous(url).health.getHealth().orThrow()

        assertEquals("mobile-backend-sdk-kotlin/" + System.getProperty("sdk.version"), requests.single().getHeader("User-Agent"))
        assertNull(requests.single().getHeader("Authorization"))
    }

    @Test
    fun logsCallsWithTheAuthorizationHeaderRedacted() = runBlocking {
        val url = serve { json(200, HEALTH) }
        val logged = CopyOnWriteArrayList<String>()
        MobileBackendClient(url, AccessTokenProvider { "secret-token" }, logger = { logged.add(it) }).health.getHealth().orThrow()

        assertEquals("Bearer secret-token", requests.single().getHeader("Authorization"))
        assertTrue(logged.contains("Authorization: ██"), logged.toString())
        assertTrue(logged.any { it.contains(HEALTH) }, logged.toString())
        assertFalse(logged.any { it.contains("secret-token") }, logged.toString())
    }

    @Test
    fun sendsAnOrderAgainWithTheSameKeyAfterAGatewayErrorAndALostAnswer() = runBlocking {
        val url = serve { request ->
            when (requests.size) {
                1 -> MockResponse().setResponseCode(503)
                2 -> MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)
                else -> json(201, Serializer.kotlinxSerializationJson.encodeToString(Order.serializer(), ORDER))
                    .setHeader("Idempotent-Replayed", "true")
            }
        }
        // OkHttp would send the lost POST again on its own; off, so that each attempt is placeOrder's
        val orders = MobileBackendClient(url, AccessTokenProvider { "token" }, OkHttpClient.Builder().retryOnConnectionFailure(false).build()).orders

        val placed = orders.placeOrder(TEA, retryDelayMillis = 0)
        assertEquals(ORDER, placed.orThrow())
        assertEquals(3, requests.size)
        val keys = requests.map { it.getHeader("Idempotency-Key") }
        assertEquals(1, keys.toSet().size, keys.toString())

        orders.placeOrder(TEA, retryDelayMillis = 0)
        assertNotEquals(keys[0], requests.last().getHeader("Idempotency-Key"), "a new call, a new key")
    }

    @Test
    fun givesUpAfterTheLastAttemptAndNeverRetriesWhatTheApiRefused() = runBlocking {
        val url = serve { request ->
            if (request.getHeader("Idempotency-Key") == "refused") problemJson(422, """{"type":"about:blank","title":"Unprocessable Content","status":422}""")
            else MockResponse().setResponseCode(503)
        }
        val orders = MobileBackendClient(url, AccessTokenProvider { "token" }).orders

        assertEquals(503, orders.placeOrder(TEA, idempotencyKey = "unavailable", attempts = 2, retryDelayMillis = 0).code())
        assertEquals(listOf("unavailable", "unavailable"), requests.map { it.getHeader("Idempotency-Key") })

        assertEquals(422, orders.placeOrder(TEA, idempotencyKey = "refused", retryDelayMillis = 0).code())
        assertEquals(3, requests.size)
    }

    @Test
    fun throwsTheLastLostConnectionWhenEveryAttemptIsLost() {
        val url = serve { MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST) }
        val orders = MobileBackendClient(url, AccessTokenProvider { "token" }, OkHttpClient.Builder().retryOnConnectionFailure(false).build()).orders

        assertThrows(IOException::class.java) { runBlocking { orders.placeOrder(TEA, attempts = 2, retryDelayMillis = 0) } }
        assertEquals(2, requests.size)
        assertEquals(1, requests.map { it.getHeader("Idempotency-Key") }.toSet().size)
    }

    private companion object {
        const val HEALTH = """{"status":"UP","checks":{}}"""
        val TEA = OrderCreate(listOf(OrderLineCreate("TEA-GREEN-100", 1)))
        val ORDER = Order(
            id = "01936f0e", status = OrderStatus.PLACED,
            lines = listOf(OrderLine("TEA-GREEN-100", "Green tea, 100 g", 1, Money(450, "EUR"), Money(450, "EUR"))),
            total = Money(450, "EUR"),
            createdAt = OffsetDateTime.parse("2026-12-01T18:00:00Z"), updatedAt = OffsetDateTime.parse("2026-12-01T18:00:00Z"),
        )

        fun json(status: Int, body: String): MockResponse =
            MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body)

        fun problemJson(status: Int, body: String): MockResponse =
            MockResponse().setResponseCode(status).setHeader("Content-Type", "application/problem+json").setBody(body)
    }
}
