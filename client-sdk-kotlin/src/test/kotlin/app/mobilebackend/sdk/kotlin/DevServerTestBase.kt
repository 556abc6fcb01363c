package app.mobilebackend.sdk.kotlin

import app.mobilebackend.devserver.DevServer
import app.mobilebackend.sdk.kotlin.model.Problem
import app.mobilebackend.testkit.TestDatabase
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.io.TempDir
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import java.util.UUID

/** The whole API, running in this JVM on a free port, and Kotlin SDK clients that talk to it. */
abstract class DevServerTestBase {

    companion object {
        @JvmField
        @TempDir
        var dataDir: Path? = null

        lateinit var dev: DevServer

        @JvmStatic
        @BeforeAll
        fun startDevServer() {
            dev = DevServer.start(0, dataDir, TestDatabase.shared())
        }

        @JvmStatic
        @AfterAll
        fun stopDevServer() {
            dev.close()
        }

        /** A user nobody else uses, so tests sharing the database do not see each other's data. */
        fun newSub(): String = "sdk-kotlin-" + UUID.randomUUID()

        /** An SDK client of its own (one "device") for [sub], sending a bearer token on every call. */
        fun clientFor(sub: String): MobileBackendClient {
            val token = dev.token(sub)
            return MobileBackendClient(dev.url(), AccessTokenProvider { token })
        }

        fun etag(version: Long): String = "\"" + version + "\""

        /** The [ApiException] a call fails with. */
        fun failureOf(call: suspend () -> Unit): ApiException =
            assertThrows(ApiException::class.java) { runBlocking { call() } }

        fun problem(status: Int, title: String, detail: String): Problem =
            Problem(type = "about:blank", title = title, status = status, detail = detail)

        /** The RFC 9457 document of a failure, read by the SDK; fails when there is none. */
        fun problemOf(failure: ApiException): Problem =
            failure.problem ?: throw AssertionError("no application/problem+json in ${failure.headers}: ${failure.body}")

        fun assertProblem(expected: Problem, failure: ApiException) {
            assertEquals(expected.status, failure.status)
            assertEquals(expected, problemOf(failure))
        }
    }
}
