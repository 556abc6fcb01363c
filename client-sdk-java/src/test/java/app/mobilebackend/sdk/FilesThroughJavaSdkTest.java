package app.mobilebackend.sdk;

import app.mobilebackend.localstack.aws.PresignedRequests;
import app.mobilebackend.sdk.api.FilesApi;
import app.mobilebackend.sdk.model.FileCreate;
import app.mobilebackend.sdk.model.FileDownload;
import app.mobilebackend.sdk.model.FilePage;
import app.mobilebackend.sdk.model.FileUpload;
import app.mobilebackend.sdk.model.StoredFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A file's whole life through the generated Java SDK against the running dev server: the SDK registers it, the
 * bytes go straight to the (stand-in) S3 through the presigned URL, as an app sends them, and come back the same way.
 */
class FilesThroughJavaSdkTest extends DevServerTestBase {

    @Test
    void createsUploadsListsDownloadsAndDeletesAFile() throws Exception {
        FilesApi files = new FilesApi(clientFor(newSub()));
        byte[] bytes = "%PDF-1.7 receipt: two coffees, one cake\n".getBytes(StandardCharsets.UTF_8);

        ApiResponse<FileUpload> created = files.createFileWithHttpInfo(
            new FileCreate().name("receipt.pdf").contentType("application/pdf").size((long) bytes.length));
        assertEquals(201, created.getStatusCode());
        FileUpload upload = created.getData();
        StoredFile file = upload.getFile();
        assertEquals(List.of("/files/" + file.getId()), created.getHeaders().get("Location"));
        assertEquals("PUT", upload.getUploadMethod().getValue());

        var put = PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), bytes);
        assertEquals(200, put.statusCode(), put.body());

        FilePage page = files.listFiles(null, null);
        assertEquals(List.of(file), page.getItems());

        FileDownload download = files.getFile(file.getId());
        assertEquals(file, download.getFile());
        var fetched = PresignedRequests.get(download.getDownloadUrl());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(bytes, fetched.body());
        assertEquals("application/pdf", fetched.headers().firstValue("Content-Type").orElseThrow());

        assertEquals(204, files.deleteFileWithHttpInfo(file.getId()).getStatusCode());
        ApiException gone = assertThrows(ApiException.class, () -> files.getFile(file.getId()));
        assertEquals(404, gone.getCode());
        assertEquals(404, problemOf(gone).getStatus());
        assertEquals(404, PresignedRequests.get(download.getDownloadUrl()).statusCode());
        assertEquals(List.of(), files.listFiles(null, null).getItems());
    }

    @Test
    void anotherUsersFileIsNotFoundAndBadNamesAreRefused() throws Exception {
        FilesApi mine = new FilesApi(clientFor(newSub()));
        FilesApi theirs = new FilesApi(clientFor(newSub()));
        String id = mine.createFile(new FileCreate().name("diary.txt").contentType("text/plain").size(10L)).getFile().getId();

        assertEquals(404, assertThrows(ApiException.class, () -> theirs.getFile(id)).getCode());
        assertEquals(404, assertThrows(ApiException.class, () -> theirs.deleteFile(id)).getCode());

        ApiException refused = assertThrows(ApiException.class,
            () -> mine.createFile(new FileCreate().name("../secrets").contentType("text/plain").size(1L)));
        assertEquals(400, refused.getCode());
        assertEquals("name", problemOf(refused).getErrors().get(0).getField());
    }
}
