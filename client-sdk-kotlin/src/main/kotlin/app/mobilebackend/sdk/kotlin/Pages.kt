package app.mobilebackend.sdk.kotlin

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import retrofit2.Response

/**
 * Every page of a list operation, fetched one at a time as the collector asks for it, following each page's
 * `nextCursor` until there is none. A failed page ends the flow with [ApiException].
 * ```
 * pages({ cursor -> client.todos.listTodos(limit = 50, cursor = cursor) }) { it.nextCursor }
 *     .collect { page -> show(page.items) }
 * ```
 */
fun <P : Any> pages(fetch: suspend (cursor: String?) -> Response<P>, nextCursor: (P) -> String?): Flow<P> = flow {
    var cursor: String? = null
    do {
        val page = fetch(cursor).orThrow()
        emit(page)
        cursor = nextCursor(page)
    } while (cursor != null)
}
