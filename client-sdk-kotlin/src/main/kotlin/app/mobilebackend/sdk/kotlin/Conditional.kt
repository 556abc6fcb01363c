package app.mobilebackend.sdk.kotlin

import retrofit2.Response

/** The answer to a conditional GET (`If-None-Match`): a fresh copy with its ETag, or word that the app's is current. */
sealed interface Conditional<out T> {

    /** The resource changed since the ETag the call sent (or none was sent). */
    data class Modified<out T>(val value: T, val etag: String?) : Conditional<T>

    /** 304: the copy the app holds is current. */
    data object NotModified : Conditional<Nothing>
}

/**
 * A conditional GET's answer as a value: 304 is [Conditional.NotModified], not an error.
 * ```
 * when (val answer = client.todos.getTodo(id, ifNoneMatch = cachedEtag).ifModified()) {
 *     is Conditional.Modified -> show(answer.value)
 *     Conditional.NotModified -> Unit
 * }
 * ```
 */
fun <T : Any> Response<T>.ifModified(): Conditional<T> =
    if (code() == 304) Conditional.NotModified else Conditional.Modified(orThrow(), headers()["ETag"])
