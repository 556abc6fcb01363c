package app.mobilebackend.functions.files.get;

import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileDownload;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.files.FileObjects;
import app.mobilebackend.files.FileService;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.PresignedRequests;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetFileFunctionTest {

    private static LocalFunction function;
    private static FileService files;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start(S3StandIn.shared().properties());
        files = function.context().getBean(FileService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void answersFileWithDownloadUrlOfItsBytes() {
        TestUser user = TestUser.fresh();
        byte[] bytes = "col1,col2\n1,2\n".getBytes(StandardCharsets.UTF_8);
        String id = uploaded(user, "Résumé \"final\"; v2.csv", "text/csv", bytes);

        var response = function.handle(ApiGatewayEvents.request("GET", "/files/" + id).bearer(user.token()).build());

        assertEquals(200, response.getStatusCode(), response.getBody());
        FileDownload download = function.read(response.getBody(), FileDownload.class);
        assertEquals(id, download.getFile().getId());
        assertEquals("Résumé \"final\"; v2.csv", download.getFile().getName());
        assertEquals("text/csv", download.getFile().getContentType());
        assertEquals((long) bytes.length, download.getFile().getSize());
        assertEquals("/" + S3StandIn.BUCKET + "/" + FileObjects.key(user.sub(), id), URI.create(download.getDownloadUrl()).getPath());
        assertFalse(download.getExpiresAt().toInstant().isAfter(Instant.now().plus(Duration.ofMinutes(15))));

        var fetched = PresignedRequests.get(download.getDownloadUrl());

        assertEquals(200, fetched.statusCode());
        assertArrayEquals(bytes, fetched.body());
        assertEquals("text/csv", fetched.headers().firstValue("Content-Type").orElseThrow());
        // The name reaches the download only inside a safely quoted and percent-encoded header value.
        assertEquals("attachment; filename=\"R_sum_ _final_; v2.csv\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%3B%20v2.csv",
            fetched.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void downloadUrlIsTheOnlyWayToTheBytes() {
        TestUser user = TestUser.fresh();
        String id = uploaded(user, "secret.txt", "text/plain", "secret".getBytes(StandardCharsets.UTF_8));
        FileDownload download = function.read(function.handle(ApiGatewayEvents.request("GET", "/files/" + id)
            .bearer(user.token()).build()).getBody(), FileDownload.class);
        String unsigned = download.getDownloadUrl().substring(0, download.getDownloadUrl().indexOf('?'));

        assertEquals(403, PresignedRequests.get(unsigned).statusCode());
    }

    @Test
    void answersNotFoundForAnotherUsersFile() {
        TestUser owner = TestUser.fresh();
        String id = uploaded(owner, "diary.txt", "text/plain", "dear diary".getBytes(StandardCharsets.UTF_8));

        var response = function.handle(ApiGatewayEvents.request("GET", "/files/" + id).bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertFalse(response.getBody().contains("diary"), response.getBody());
        assertFalse(response.getBody().contains("http"), response.getBody());
    }

    @Test
    void answersNotFoundForUnknownId() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/files/0193ffff-0000-7000-8000-000000000000")
            .bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertTrue(response.getBody().contains("\"status\":404"), response.getBody());
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("DELETE", "/files/x").bearer(TestUser.fresh().token()).build());

        assertEquals(405, response.getStatusCode());
    }

    private static String uploaded(TestUser user, String name, String contentType, byte[] bytes) {
        FileCreate create = new FileCreate(name, contentType, (long) bytes.length);
        FileUpload upload = files.create(user.sub(), create);
        assertEquals(200, PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), bytes).statusCode());
        return upload.getFile().getId();
    }
}
