package app.mobilebackend.functions.files.create;

import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.files.FileObjects;
import app.mobilebackend.files.FileService;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.PresignedRequests;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateFileFunctionTest {

    private static final byte[] BYTES = "%PDF-1.7 a receipt for two coffees\n".getBytes(StandardCharsets.UTF_8);

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
    void registersFileAndPresignsUploadOfExactlyItsBytes() {
        TestUser user = TestUser.fresh();
        var response = create(function, user, "receipt.pdf", "application/pdf", BYTES.length);

        assertEquals(201, response.getStatusCode(), response.getBody());
        FileUpload upload = function.read(response.getBody(), FileUpload.class);
        String id = upload.getFile().getId();
        assertEquals("/files/" + id, header(response, "Location"));
        assertEquals("receipt.pdf", upload.getFile().getName());
        assertEquals("application/pdf", upload.getFile().getContentType());
        assertEquals((long) BYTES.length, upload.getFile().getSize());
        assertEquals("PUT", upload.getUploadMethod().getValue());
        assertEquals(Map.of("Content-Type", "application/pdf", "Content-Length", String.valueOf(BYTES.length)),
            upload.getUploadHeaders());
        URI url = URI.create(upload.getUploadUrl());
        // The key is the owner's prefix and the server's id: the client's name is nowhere in it.
        assertEquals("/" + S3StandIn.BUCKET + "/users/" + user.sub() + "/" + id, url.getPath());
        assertTrue(url.getQuery().contains("X-Amz-SignedHeaders=content-length;content-type;host"), url.getQuery());
        assertFalse(upload.getExpiresAt().toInstant().isAfter(Instant.now().plus(Duration.ofMinutes(15))));
        assertEquals(id, files.list(user.sub(), 10, null).getItems().get(0).getId());

        var put = PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), BYTES);

        assertEquals(200, put.statusCode(), put.body());
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(request -> request
            .bucket(S3StandIn.BUCKET).key(FileObjects.key(user.sub(), id)));
        assertArrayEquals(BYTES, stored.asByteArray());
        assertEquals("application/pdf", stored.response().contentType());
    }

    @Test
    void uploadWithAnotherContentTypeIsRefusedByS3() {
        TestUser user = TestUser.fresh();
        FileUpload upload = function.read(create(function, user, "photo.png", "image/png", BYTES.length).getBody(), FileUpload.class);
        Map<String, String> headers = new LinkedHashMap<>(upload.getUploadHeaders());
        headers.put("Content-Type", "text/html");

        var put = PresignedRequests.put(upload.getUploadUrl(), headers, BYTES);

        assertEquals(403, put.statusCode(), put.body());
        assertTrue(put.body().contains("SignatureDoesNotMatch"), put.body());
        assertFalse(objectExists(user.sub(), upload.getFile().getId()));
    }

    @Test
    void uploadOfAnotherLengthIsRefusedByS3() {
        TestUser user = TestUser.fresh();
        FileUpload upload = function.read(create(function, user, "photo.png", "image/png", BYTES.length).getBody(), FileUpload.class);
        byte[] longer = (new String(BYTES, StandardCharsets.UTF_8) + "and a cake").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "image/png");

        var put = PresignedRequests.put(upload.getUploadUrl(), headers, longer);

        assertEquals(403, put.statusCode(), put.body());
        assertFalse(objectExists(user.sub(), upload.getFile().getId()));
    }

    @Test
    void expiredUploadUrlIsRefusedByS3() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(S3StandIn.shared().properties());
        properties.put("files.url-ttl", "PT1S");
        try (LocalFunction shortLived = LocalFunction.start(properties)) {
            TestUser user = TestUser.fresh();
            FileUpload upload = shortLived.read(create(shortLived, user, "late.txt", "text/plain", BYTES.length).getBody(), FileUpload.class);
            // S3 compares whole seconds: wait until the expiry is a full second behind us.
            while (!Instant.now().isAfter(upload.getExpiresAt().toInstant().plusSeconds(1))) {
                Thread.sleep(200);
            }

            var put = PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), BYTES);

            assertEquals(403, put.statusCode(), put.body());
            assertFalse(objectExists(user.sub(), upload.getFile().getId()));
        }
    }

    @Test
    void urlLifetimeIsCappedAtFifteenMinutes() {
        Map<String, Object> properties = new HashMap<>(S3StandIn.shared().properties());
        properties.put("files.url-ttl", "PT2H");
        try (LocalFunction longLived = LocalFunction.start(properties)) {
            FileUpload upload = longLived.read(create(longLived, TestUser.fresh(), "a.txt", "text/plain", 1).getBody(), FileUpload.class);

            assertTrue(upload.getUploadUrl().contains("X-Amz-Expires=900&") || upload.getUploadUrl().endsWith("X-Amz-Expires=900"),
                upload.getUploadUrl());
        }
    }

    @Test
    void acceptsNameOf255CharactersOutsideTheBasicPlane() {
        String name = "\uD83D\uDCC4".repeat(255);   // 255 characters, 510 UTF-16 units, 1020 bytes
        var response = create(function, TestUser.fresh(), name, "text/plain", 1);

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(name, function.read(response.getBody(), FileUpload.class).getFile().getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a..b", "../etc/passwd", "a/b", "a\\b", "a\u0000b", "tab\there", "line\nbreak", "del\u007f",
        "c1\u0085control", "\ud800lone-surrogate"})
    void rejectsUnsafeNameWithBadRequestAndStoresNothing(String name) {
        assertRejectedName(name);
    }

    @Test
    void rejectsNameOf256Characters() {
        assertRejectedName("\uD83D\uDCC4".repeat(256));
        assertRejectedName("n".repeat(256));
    }

    @Test
    void rejectsEmptyName() {
        assertRejectedName("");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 10_485_761})
    void rejectsSizeOutsideOneByteToTenMegabytes(long size) {
        TestUser user = TestUser.fresh();
        var response = create(function, user, "big.bin", "application/octet-stream", size);

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("size"), fields(response.getBody()));
        assertTrue(files.list(user.sub(), 10, null).getItems().isEmpty());
    }

    @Test
    void acceptsTenMegabytes() {
        assertEquals(201, create(function, TestUser.fresh(), "big.bin", "application/octet-stream", 10_485_760).getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "text/", "text/plain; charset=utf-8", "a/b\r\nX-Evil: 1"})
    void rejectsContentTypeThatIsNotABareMediaType(String contentType) {
        var response = create(function, TestUser.fresh(), "a.txt", contentType, 1);

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("contentType"), fields(response.getBody()));
    }

    @Test
    void requiresToken() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/files")
            .json("{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":1}").build());

        assertEquals(401, response.getStatusCode());
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/files").bearer(TestUser.fresh().token()).build());

        assertEquals(405, response.getStatusCode());
    }

    private void assertRejectedName(String name) {
        TestUser user = TestUser.fresh();
        var response = create(function, user, name, "text/plain", 1);

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(List.of("name"), fields(response.getBody()));
        assertTrue(files.list(user.sub(), 10, null).getItems().isEmpty());
        assertTrue(s3.listObjectsV2(request -> request.bucket(S3StandIn.BUCKET).prefix(FileObjects.prefix(user.sub())))
            .contents().isEmpty());
    }

    private static APIGatewayProxyResponseEvent create(LocalFunction target, TestUser user, String name, String contentType, long size) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("contentType", contentType);
        body.put("size", size);
        return target.handle(ApiGatewayEvents.request("POST", "/files").bearer(user.token()).json(target.write(body)).build());
    }

    private static boolean objectExists(String sub, String id) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.key(sub, id)));
            return head != null;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(String body) {
        var errors = (List<Map<String, Object>>) function.readMap(body).get("errors");
        return errors.stream().map(e -> (String) e.get("field")).sorted().toList();
    }
}
