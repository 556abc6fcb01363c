package app.mobilebackend.sdk.kotlin.sync

import retrofit2.Response
import retrofit2.http.DELETE
import retrofit2.http.Header
import retrofit2.http.Path

/**
 * `DELETE /todos/{id}` with `If-Match`: the standard conditional header, which the spec does not list as a parameter
 * of deleteTodo (as one it would change every SDK's generated signature; README, "Sync and offline").
 */
internal interface ConditionalDeleteApi {
    @DELETE("todos/{todoId}")
    suspend fun deleteTodo(@Path("todoId") todoId: String, @Header("If-Match") ifMatch: String): Response<Unit>
}
