package app.mobilebackend.functions.files.delete;

import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.core.error.ApiException;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteFileFunctionTest {

    private static LocalFunction function;
    private static FileService files;
    private static S3Client s3;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start(S3StandIn.shared().properties());
        files = function.context().getBean(FileService.class);
        s3 = function.context().getBean(S3Client.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void deletesFileAndItsObject() {
        TestUser user = TestUser.fresh();
        String id = uploaded(user, "old-photo.jpg");
        assertTrue(objectExists(user.sub(), id));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/files/" + id).bearer(user.token()).build());

        assertEquals(204, response.getStatusCode(), response.getBody());
        assertFalse(objectExists(user.sub(), id));
        assertThrows(ApiException.class, () -> files.get(user.sub(), id));
        assertEquals(404, function.handle(ApiGatewayEvents.request("DELETE", "/files/" + id).bearer(user.token()).build())
            .getStatusCode());
    }

    @Test
    void deletesWhenClientAcceptsJson() {
        TestUser user = TestUser.fresh();
        String id = files.create(user.sub(), new FileCreate("notes.txt", "text/plain", 5L)).getFile().getId();

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/files/" + id).bearer(user.token())
            .header("Accept", "application/json").build());

        assertEquals(204, response.getStatusCode(), response.getBody());
    }

    @Test
    void deletesFileWhoseBytesNeverArrived() {
        TestUser user = TestUser.fresh();
        String id = files.create(user.sub(), new FileCreate("never-uploaded.txt", "text/plain", 5L)).getFile().getId();

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/files/" + id).bearer(user.token()).build());

        assertEquals(204, response.getStatusCode(), response.getBody());
        assertTrue(files.list(user.sub(), 10, null).getItems().isEmpty());
    }

    @Test
    void answersNotFoundForAnotherUsersFileAndKeepsIt() {
        TestUser owner = TestUser.fresh();
        String id = uploaded(owner, "keep-me.jpg");

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/files/" + id).bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertTrue(objectExists(owner.sub(), id));
        assertEquals(id, files.get(owner.sub(), id).getFile().getId());
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/files/x").bearer(TestUser.fresh().token()).build());

        assertEquals(405, response.getStatusCode());
    }

    static String uploaded(TestUser user, String name) {
        byte[] bytes = ("bytes of " + name).getBytes(StandardCharsets.UTF_8);
        FileUpload upload = files.create(user.sub(), new FileCreate(name, "image/jpeg", (long) bytes.length));
        assertEquals(200, PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), bytes).statusCode());
        return upload.getFile().getId();
    }

    static boolean objectExists(String sub, String id) {
        try {
            s3.headObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.key(sub, id)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
