package app.mobilebackend.sdk.kotlin

import app.mobilebackend.sdk.kotlin.model.FileCreate
import app.mobilebackend.sdk.kotlin.model.FileUpload
import kotlinx.coroutines.runBlocking
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * A file's whole life through the Kotlin SDK against the running dev server; the bytes travel with OkHttp, the
 * SDK's own HTTP client, straight to the (stand-in) S3 through the presigned URLs.
 */
class FilesThroughKotlinSdkTest : DevServerTestBase() {

    private val http = OkHttpClient()

    @Test
    fun createsUploadsListsDownloadsAndDeletesAFile() = runBlocking {
        val files = clientFor(newSub()).files
        val bytes = "\u0089PNG not really, but bytes all the same".toByteArray()

        val upload = files.createFile(FileCreate(name = "cat photo.png", contentType = "image/png", propertySize = bytes.size.toLong())).orThrow()
        val file = upload.file
        assertEquals(FileUpload.UploadMethod.PUT, upload.uploadMethod)

        http.newCall(upload(upload, bytes, "image/png")).execute().use { put ->
            assertEquals(200, put.code, put.body?.string())
        }

        assertEquals(listOf(file), files.listFiles().orThrow().items)

        val download = files.getFile(file.id).orThrow()
        assertEquals(file, download.file)
        http.newCall(Request.Builder().url(download.downloadUrl).build()).execute().use { got ->
            assertEquals(200, got.code)
            assertArrayEquals(bytes, got.body!!.bytes())
            assertEquals("attachment; filename=\"cat photo.png\"; filename*=UTF-8''cat%20photo.png", got.header("Content-Disposition"))
        }

        files.deleteFile(file.id).orThrow()
        assertEquals(404, failureOf { files.getFile(file.id).orThrow() }.status)
        assertEquals(listOf<Any>(), files.listFiles().orThrow().items)
    }

    @Test
    fun uploadWithAnotherContentTypeIsRefused() = runBlocking {
        val files = clientFor(newSub()).files
        val bytes = "<script>alert(1)</script>".toByteArray()
        val upload = files.createFile(FileCreate(name = "photo.png", contentType = "image/png", propertySize = bytes.size.toLong())).orThrow()

        http.newCall(upload(upload, bytes, "text/html")).execute().use { put ->
            assertEquals(403, put.code)
        }
    }

    /** The PUT an app sends: the body with the signed headers (OkHttp sets Content-Length from the body). */
    private fun upload(upload: FileUpload, bytes: ByteArray, contentType: String): Request {
        val request = Request.Builder().url(upload.uploadUrl).put(bytes.toRequestBody(contentType.toMediaType()))
        upload.uploadHeaders
            .filterKeys { !it.equals("Content-Length", ignoreCase = true) && !it.equals("Content-Type", ignoreCase = true) }
            .forEach { (name, value) -> request.header(name, value) }
        return request.build()
    }
}
