package app.mobilebackend.probe.kotlin

import app.mobilebackend.sdk.kotlin.AccessTokenProvider
import app.mobilebackend.sdk.kotlin.ApiException
import app.mobilebackend.sdk.kotlin.Conditional
import app.mobilebackend.sdk.kotlin.MobileBackendClient
import app.mobilebackend.sdk.kotlin.ifModified
import app.mobilebackend.sdk.kotlin.model.DevicePlatform
import app.mobilebackend.sdk.kotlin.model.DeviceRegistration
import app.mobilebackend.sdk.kotlin.model.HealthStatus
import app.mobilebackend.sdk.kotlin.model.Money
import app.mobilebackend.sdk.kotlin.model.OrderCreate
import app.mobilebackend.sdk.kotlin.model.OrderLineCreate
import app.mobilebackend.sdk.kotlin.model.OrderStatus
import app.mobilebackend.sdk.kotlin.model.PreferencesUpdate
import app.mobilebackend.sdk.kotlin.model.Problem
import app.mobilebackend.sdk.kotlin.model.TodoCreate
import app.mobilebackend.sdk.kotlin.model.TodoUpdate
import app.mobilebackend.sdk.kotlin.orThrow
import app.mobilebackend.sdk.kotlin.pages
import app.mobilebackend.sdk.kotlin.placeOrder
import app.mobilebackend.sdk.kotlin.sync.InMemorySyncStore
import app.mobilebackend.sdk.kotlin.sync.Sync
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonPrimitive
import java.time.OffsetDateTime
import java.util.UUID
import kotlin.system.exitProcess

/**
 * A tiny "app" on the Kotlin SDK: it calls the API as an app would, from a coroutine through the SDK's own layer
 * (MobileBackendClient, an AccessTokenProvider that refreshes, orThrow and ApiException's Problem, ifModified, pages,
 * placeOrder), and prints one line per step, the Android SDK probe's lines. The build shrinks it with R8 (full mode, no
 * rules but the jars' own) and runs the result; any step that reads something else than it should ends the probe with
 * exit code 1, anything thrown with 2.
 *
 * Usage: `KotlinSdkProbe <baseUrl> <accessToken>`, or PROBE_BASE_URL and PROBE_TOKEN in the environment.
 */
object KotlinSdkProbe {

    private val due = OffsetDateTime.parse("2026-12-01T18:00:00Z")

    @JvmStatic
    fun main(args: Array<String>) {
        val baseUrl = args.getOrNull(0) ?: System.getenv("PROBE_BASE_URL")
        val token = args.getOrNull(1) ?: System.getenv("PROBE_TOKEN")
        if (baseUrl == null || token == null) {
            System.err.println("usage: KotlinSdkProbe <baseUrl> <accessToken> (or PROBE_BASE_URL and PROBE_TOKEN)")
            exitProcess(2)
        }
        val exitCode = try {
            val tokens = Tokens(token)
            runBlocking { walk(MobileBackendClient(baseUrl, tokens), tokens) }
            println("probe passed")
            0
        } catch (mismatch: Mismatch) {
            println("FAIL ${mismatch.message}")
            1
        } catch (failure: Exception) {
            crashed(failure)
        } catch (failure: LinkageError) {
            crashed(failure)
        }
        // OkHttp's dispatcher threads, which ran the suspend calls, are no daemons: they would keep the JVM up a minute.
        exitProcess(exitCode)
    }

    /** What R8 breaks shows up here: a serializer it removed, a generic signature Retrofit cannot read, a class gone. */
    private fun crashed(failure: Throwable): Int {
        println("ERROR $failure")
        failure.printStackTrace(System.out)
        return 2
    }

    private suspend fun walk(client: MobileBackendClient, tokens: Tokens) {
        val up = client.health.getHealth().orThrow()
        check("health", HealthStatus.UP, up.status)
        check("health", mapOf("database" to HealthStatus.UP), up.checks)
        passed("health: UP, database UP")

        val todos = client.todos
        val created = todos.createTodo(TodoCreate(title = "Buy milk", notes = "Oat, 2 litres", dueAt = due))
        val todo = created.orThrow()
        val id = todo.id
        check("create", 201, created.code())
        check("create", "Buy milk", todo.title)
        check("create", 1L, todo.version)
        check("create", due.toInstant(), todo.dueAt?.toInstant())
        check("create", "\"1\"", created.headers()["ETag"])
        passed("create: 201, version 1, ETag \"1\"")
        check("token refresh", 1, tokens.refreshes())
        passed("token refresh: the first token refused (401), refreshed once, the call sent again")

        val invalid = expectFailure("invalid create") { todos.createTodo(TodoCreate(title = "")).orThrow() }
        check("invalid create", 400, invalid.status)
        val fieldError = problemOf(invalid).errors?.firstOrNull() ?: throw Mismatch("invalid create: no field errors")
        check("invalid create", "title", fieldError.field)
        passed("invalid create: 400 problem+json, ${fieldError.field} ${fieldError.message}")

        val listed = pages({ cursor -> todos.listTodos(limit = 20, cursor = cursor, done = false) }) { it.nextCursor }
            .toList().flatMap { it.items }
        check("list", listOf(todo), listed)
        passed("list: the one to-do")

        check("get If-None-Match", Conditional.NotModified, todos.getTodo(id, ifNoneMatch = "\"1\"").ifModified())
        passed("get If-None-Match \"1\": 304, not modified")

        val updated = todos.updateTodo(id, TodoUpdate(title = "Buy oat milk", done = true), "\"1\"").orThrow()
        check("update If-Match", 2L, updated.version)
        check("update If-Match", true, updated.done)
        check("update If-Match", "Buy oat milk", updated.title)
        passed("update If-Match \"1\": version 2")

        val stale = expectFailure("stale update") {
            todos.updateTodo(id, TodoUpdate(title = "Buy cow milk", done = false), "\"1\"").orThrow()
        }
        check("stale update", 412, stale.status)
        val problem = problemOf(stale)
        check("stale update", Problem(type = "about:blank", title = "Precondition Failed", status = 412,
            detail = "The to-do has changed since version 1; the current version is 2.", currentTodo = updated), problem)
        passed("stale update If-Match \"1\": 412 problem+json \"${problem.detail}\"")

        check("delete", 204, todos.deleteTodo(id).code())
        val gone = expectFailure("delete") { todos.getTodo(id).orThrow() }
        check("delete", 404, gone.status)
        check("delete", 404, problemOf(gone).status)
        passed("delete: 204, then 404")

        val preferences = client.preferences
        val before = preferences.getPreferences().orThrow()
        val values = mapOf("theme" to JsonPrimitive("dark"), "notifications" to JsonPrimitive(true))
        val saved = preferences.putPreferences(PreferencesUpdate(values), "\"${before.version}\"").orThrow()
        check("preferences", before.version + 1, saved.version)
        check("preferences", values, saved.propertyValues)
        check("preferences", saved, preferences.getPreferences().orThrow())
        passed("preferences: saved and read back at version ${saved.version}")

        val devices = client.devices
        val device = devices.registerDevice(DeviceRegistration(DevicePlatform.FCM,
            "kotlin-probe-${UUID.randomUUID()}:APA91b-registration-token")).orThrow()
        check("device", DevicePlatform.FCM, device.platform)
        check("device", listOf(device), devices.listDevices().orThrow().items)
        devices.deleteDevice(device.id).orThrow()
        passed("device: registered as FCM, listed, deleted")

        val order = client.orders.placeOrder(OrderCreate(listOf(
            OrderLineCreate(sku = "TEA-GREEN-100", quantity = 2),
            OrderLineCreate(sku = "MUG-STONE-300", quantity = 1)))).orThrow()
        check("order", OrderStatus.PLACED, order.status)
        check("order", Money(amountMinor = 2150L, currency = "EUR"), order.total)
        check("order", 2, order.lines.size)
        check("order", order, client.orders.getOrder(order.id).orThrow())
        passed("order: PLACED, ${order.total.amountMinor} ${order.total.currency}")

        val offline = Sync(client, InMemorySyncStore())
        val made = offline.createTodo("Made offline")
        check("sync", 1, offline.sync().pushed)
        check("sync", 1L, offline.todo(made.id)?.version)
        offline.deleteTodo(made.id)
        val deleted = offline.sync()
        check("sync", 1, deleted.pushed)
        check("sync", emptyList<Any>(), deleted.conflicts)
        check("sync", null, offline.todo(made.id))
        passed("sync: made offline, sent, then deleted over If-Match")
    }

    private fun problemOf(failure: ApiException): Problem = failure.problem
        ?: throw Mismatch("expected an application/problem+json answer, got ${failure.status} ${failure.headers} ${failure.body}")

    private suspend fun expectFailure(step: String, call: suspend () -> Unit): ApiException {
        try {
            call()
        } catch (expected: ApiException) {
            return expected
        }
        throw Mismatch("$step: expected an ApiException, the call succeeded")
    }

    private fun check(step: String, expected: Any?, actual: Any?) {
        if (expected != actual) {
            throw Mismatch("$step: expected $expected, got $actual")
        }
    }

    private fun passed(step: String) {
        println("ok $step")
    }

    /**
     * The app's token store: it starts with a token the API refuses, as after a long sleep, and its refresh hands over
     * the one the probe was given (an app would ask Cognito with its refresh token). OkHttp calls it on its threads.
     */
    private class Tokens(private val given: String) : AccessTokenProvider {

        private var current = "expired-access-token"
        private var refreshes = 0

        @Synchronized
        override fun accessToken(): String = current

        @Synchronized
        override fun refreshAccessToken(refused: String): String {
            refreshes++
            current = given
            return current
        }

        @Synchronized
        fun refreshes(): Int = refreshes
    }

    /** What the probe read differs from what the API documents. */
    private class Mismatch(message: String) : RuntimeException(message)
}
