package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.api.FilesApi;
import app.mobilebackend.sdk.android.model.FileCreate;
import app.mobilebackend.sdk.android.model.FileDownload;
import app.mobilebackend.sdk.android.model.FileUpload;
import app.mobilebackend.sdk.android.model.StoredFile;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A file's whole life through the generated Android SDK against the running dev server; the bytes travel with
 * OkHttp, the SDK's own HTTP client, straight to the (stand-in) S3 through the presigned URLs.
 */
class FilesThroughAndroidSdkTest extends DevServerTestBase {

    private final OkHttpClient http = new OkHttpClient();

    @Test
    void createsUploadsListsDownloadsAndDeletesAFile() throws Exception {
        FilesApi files = new FilesApi(clientFor(newSub()));
        byte[] bytes = "\u0089PNG not really, but bytes all the same".getBytes(StandardCharsets.UTF_8);

        FileUpload upload = files.createFile(new FileCreate().name("cat photo.png").contentType("image/png").size((long) bytes.length));
        StoredFile file = upload.getFile();
        assertEquals("PUT", upload.getUploadMethod().getValue());

        try (Response put = http.newCall(upload(upload, bytes)).execute()) {
            assertEquals(200, put.code(), put.body() == null ? "" : put.body().string());
        }

        assertEquals(Collections.singletonList(file), files.listFiles(null, null).getItems());

        FileDownload download = files.getFile(file.getId());
        assertEquals(file, download.getFile());
        try (Response got = http.newCall(new Request.Builder().url(download.getDownloadUrl()).build()).execute()) {
            assertEquals(200, got.code());
            assertArrayEquals(bytes, got.body().bytes());
            assertEquals("attachment; filename=\"cat photo.png\"; filename*=UTF-8''cat%20photo.png", got.header("Content-Disposition"));
        }

        files.deleteFile(file.getId());
        assertEquals(404, assertThrows(ApiException.class, () -> files.getFile(file.getId())).getCode());
        assertEquals(List.of(), files.listFiles(null, null).getItems());
    }

    @Test
    void uploadWithAnotherContentTypeIsRefused() throws Exception {
        FilesApi files = new FilesApi(clientFor(newSub()));
        byte[] bytes = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        FileUpload upload = files.createFile(new FileCreate().name("photo.png").contentType("image/png").size((long) bytes.length));

        Request html = upload(upload, bytes).newBuilder()
            .put(RequestBody.create(bytes, MediaType.get("text/html"))).build();
        try (Response put = http.newCall(html).execute()) {
            assertEquals(403, put.code());
        }
    }

    /** The PUT an app sends: the body with exactly the signed headers (OkHttp sets Content-Length from the body). */
    private static Request upload(FileUpload upload, byte[] bytes) {
        Request.Builder request = new Request.Builder().url(upload.getUploadUrl())
            .put(RequestBody.create(bytes, MediaType.get(upload.getUploadHeaders().get("Content-Type"))));
        for (Map.Entry<String, String> header : upload.getUploadHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Content-Length") && !header.getKey().equalsIgnoreCase("Content-Type")) {
                request.header(header.getKey(), header.getValue());
            }
        }
        return request.build();
    }
}
