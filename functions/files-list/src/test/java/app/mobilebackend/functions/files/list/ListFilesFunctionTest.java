package app.mobilebackend.functions.files.list;

import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FilePage;
import app.mobilebackend.api.model.StoredFile;
import app.mobilebackend.files.FileService;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListFilesFunctionTest {

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
    void pagesThroughOwnFilesOldestFirst() {
        TestUser user = TestUser.fresh();
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(files.create(user.sub(), new FileCreate("photo-" + i + ".jpg", "image/jpeg", 1000L + i)).getFile().getId());
        }
        files.create(TestUser.fresh().sub(), new FileCreate("someone-else.jpg", "image/jpeg", 1L));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = ApiGatewayEvents.request("GET", "/files").bearer(user.token()).query("limit", "2");
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            var response = function.handle(request.build());
            assertEquals(200, response.getStatusCode(), response.getBody());
            FilePage page = function.read(response.getBody(), FilePage.class);
            assertTrue(page.getItems().size() <= 2);
            page.getItems().stream().map(StoredFile::getId).forEach(seen::add);
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);

        assertEquals(created, seen);
        assertEquals(3, pages);
    }

    @Test
    void listsNameTypeSizeAndCreationTime() {
        TestUser user = TestUser.fresh();
        files.create(user.sub(), new FileCreate("receipt.pdf", "application/pdf", 48213L));

        var response = function.handle(ApiGatewayEvents.request("GET", "/files").bearer(user.token()).build());

        StoredFile file = function.read(response.getBody(), FilePage.class).getItems().get(0);
        assertEquals("receipt.pdf", file.getName());
        assertEquals("application/pdf", file.getContentType());
        assertEquals(48213L, file.getSize());
        assertTrue(file.getCreatedAt() != null);
        assertTrue(!response.getBody().contains("nextCursor"), response.getBody());
    }

    @Test
    void newUserHasAnEmptyPage() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/files").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        FilePage page = function.read(response.getBody(), FilePage.class);
        assertTrue(page.getItems().isEmpty());
        assertNull(page.getNextCursor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "ten"})
    void rejectsLimitOutsideOneToHundred(String limit) {
        var response = function.handle(ApiGatewayEvents.request("GET", "/files").bearer(TestUser.fresh().token())
            .query("limit", limit).build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void rejectsCursorThisApiDidNotIssue() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/files").bearer(TestUser.fresh().token())
            .query("cursor", "!!not-a-cursor!!").build());

        assertEquals(400, response.getStatusCode());
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/files").bearer(TestUser.fresh().token())
            .json("{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":1}").build());

        assertEquals(405, response.getStatusCode());
    }
}
