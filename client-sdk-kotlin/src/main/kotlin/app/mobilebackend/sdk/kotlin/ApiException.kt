package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.generated.infrastructure.Serializer
import app.mobilebackend.sdk.kotlin.model.Problem
import kotlinx.serialization.SerializationException
import okhttp3.Headers
import retrofit2.Response

/**
 * A call the API answered with an error status. [problem] is the RFC 9457 document the API sent (a 412 with the
 * current version, a 400 naming each bad field...) when, and only when, the answer was `application/problem+json`:
 * a gateway's HTML 502 has none, and its page stays in [body].
 */
class ApiException(
    val status: Int,
    val headers: Headers,
    val problem: Problem?,
    val body: String?,
) : RuntimeException("HTTP $status" + (problem?.let { ": ${it.title}" + (it.detail?.let { detail -> " ($detail)" } ?: "") } ?: "")) {

    companion object {
        private const val PROBLEM_JSON = "application/problem+json"

        /** The failure of an answered call; members a newer API adds to a problem are ignored. */
        @JvmStatic
        fun of(response: Response<*>): ApiException {
            val body = response.errorBody()?.use { it.string() }
            val contentType = response.headers()["Content-Type"]
            return ApiException(response.code(), response.headers(), problemIn(contentType, body), body)
        }

        private fun problemIn(contentType: String?, body: String?): Problem? {
            if (body == null || contentType == null || !contentType.trim().lowercase().startsWith(PROBLEM_JSON)) {
                return null
            }
            return try {
                Serializer.kotlinxSerializationJson.decodeFromString(Problem.serializer(), body)
            } catch (notAProblem: SerializationException) {
                null
            } catch (notAProblem: IllegalArgumentException) {
                null
            }
        }
    }
}

/** The answer's body, or [ApiException] when the API answered with an error (a 304 included: see [ifModified]). */
fun <T : Any> Response<T>.orThrow(): T {
    if (!isSuccessful) {
        throw ApiException.of(this)
    }
    return body() ?: throw ApiException(code(), headers(), null, null)
}

/** Nothing for an operation that answers no content (204), or [ApiException] when the API answered with an error. */
@JvmName("orThrowNoContent")
fun Response<Unit>.orThrow() {
    if (!isSuccessful) {
        throw ApiException.of(this)
    }
}
