package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.api.ContentApi
import app.mobilebackend.sdk.kotlin.api.DevicesApi
import app.mobilebackend.sdk.kotlin.api.FilesApi
import app.mobilebackend.sdk.kotlin.api.HealthApi
import app.mobilebackend.sdk.kotlin.api.MeApi
import app.mobilebackend.sdk.kotlin.api.OrdersApi
import app.mobilebackend.sdk.kotlin.api.PreferencesApi
import app.mobilebackend.sdk.kotlin.api.SyncApi
import app.mobilebackend.sdk.kotlin.api.TodosApi
import app.mobilebackend.sdk.kotlin.generated.infrastructure.ApiClient
import app.mobilebackend.sdk.kotlin.sync.ConditionalDeleteApi
import okhttp3.Authenticator
import okhttp3.Interceptor
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.logging.HttpLoggingInterceptor

/**
 * The SDK's entry point: the generated Retrofit interfaces (suspend functions returning `retrofit2.Response`) on an
 * OkHttp client that announces the SDK, sends the token [tokens] gives at each call and, on a 401, asks it for a
 * refreshed token and sends the call once more. With a [logger], requests and responses are logged with the
 * `Authorization` header redacted. [http] is the app's own client to share its connection pool and timeouts.
 */
class MobileBackendClient @JvmOverloads constructor(
    baseUrl: String,
    tokens: AccessTokenProvider,
    http: OkHttpClient = OkHttpClient(),
    logger: HttpLoggingInterceptor.Logger? = null,
) {

    /** The OkHttp client every call goes through (the token, the User-Agent, the refresh on 401). */
    val okHttpClient: OkHttpClient = http.newBuilder()
        .addInterceptor(Interceptor { chain ->
            val token = tokens.accessToken()
            val request = chain.request().newBuilder().header(USER_AGENT, USER_AGENT_VALUE)
            if (token != null) {
                request.header(AUTHORIZATION, "Bearer $token")
            }
            chain.proceed(request.build())
        })
        // OkHttp asks this on a 401, on the thread of the call, after the interceptors above.
        .authenticator(Authenticator { _, refused -> retryWithRefreshedToken(tokens, refused) })
        .apply {
            if (logger != null) {
                addNetworkInterceptor(HttpLoggingInterceptor(logger).apply {
                    level = HttpLoggingInterceptor.Level.BODY
                    redactHeader(AUTHORIZATION)
                })
            }
        }
        .build()

    private val generated = ApiClient(baseUrl, callFactory = okHttpClient)

    val health: HealthApi = generated.createService(HealthApi::class.java)
    val todos: TodosApi = generated.createService(TodosApi::class.java)
    val preferences: PreferencesApi = generated.createService(PreferencesApi::class.java)
    val files: FilesApi = generated.createService(FilesApi::class.java)
    val orders: OrdersApi = generated.createService(OrdersApi::class.java)
    val devices: DevicesApi = generated.createService(DevicesApi::class.java)
    val content: ContentApi = generated.createService(ContentApi::class.java)
    val me: MeApi = generated.createService(MeApi::class.java)
    val sync: SyncApi = generated.createService(SyncApi::class.java)

    /** For [app.mobilebackend.sdk.kotlin.sync.Sync]'s deletes with `If-Match`, which the generated deleteTodo cannot send. */
    internal val conditionalDeletes: ConditionalDeleteApi = generated.createService(ConditionalDeleteApi::class.java)

    companion object {
        private const val AUTHORIZATION = "Authorization"
        private const val USER_AGENT = "User-Agent"

        /** What every call announces itself as: server logs tell the SDKs and their versions apart. */
        const val USER_AGENT_VALUE: String = "mobile-backend-sdk-kotlin/" + SdkVersion.VERSION

        /** A client that sends no token: for the operations that need none (health). */
        @JvmStatic
        @JvmOverloads
        fun anonymous(baseUrl: String, http: OkHttpClient = OkHttpClient()): MobileBackendClient =
            MobileBackendClient(baseUrl, AccessTokenProvider { null }, http)

        private fun retryWithRefreshedToken(tokens: AccessTokenProvider, refused: okhttp3.Response): Request? {
            if (refused.priorResponse != null) {
                return null // the refreshed token was refused too: the 401 goes to the app
            }
            val sent = refused.request.header(AUTHORIZATION)
            if (sent == null || !sent.startsWith("Bearer ")) {
                return null
            }
            val fresh = tokens.refreshAccessToken(sent.removePrefix("Bearer ")) ?: return null
            return refused.request.newBuilder().header(AUTHORIZATION, "Bearer $fresh").build()
        }
    }
}
