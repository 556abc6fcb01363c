package app.mobilebackend.functions.content.list;

import app.mobilebackend.api.model.ContentItem;
import app.mobilebackend.api.model.ContentPage;
import app.mobilebackend.localstack.ApiGatewayEvents;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListContentFunctionTest {

    private static LocalFunction function;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void pagesThroughWholeCatalogInIdOrder() {
        String token = TestUser.fresh().token();
        List<ContentItem> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = ApiGatewayEvents.request("GET", "/content").bearer(token).query("limit", "2");
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            var response = function.handle(request.build());
            assertEquals(200, response.getStatusCode());
            ContentPage page = function.read(response.getBody(), ContentPage.class);
            seen.addAll(page.getItems());
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);

        List<String> ids = seen.stream().map(ContentItem::getId).toList();
        assertEquals(List.of("meditation-01", "yoga-advanced-01", "yoga-advanced-02", "yoga-basics-01", "yoga-guide"), ids);
        assertEquals(3, pages);
        assertTrue(seen.stream().anyMatch(ContentItem::getPremium));
        assertTrue(seen.stream().anyMatch(item -> !item.getPremium()));
    }

    @Test
    void describesEachItemWithoutItsStorageKey() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/content").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        ContentPage page = function.read(response.getBody(), ContentPage.class);
        ContentItem basics = page.getItems().stream().filter(i -> i.getId().equals("yoga-basics-01")).findFirst().orElseThrow();
        assertEquals("Yoga basics, lesson 1", basics.getTitle());
        assertEquals("Breathing and posture.", basics.getDescription());
        assertEquals("video/mp4", basics.getMediaType());
        assertFalse(basics.getPremium());
        assertNull(page.getNextCursor());
        assertFalse(response.getBody().contains("video/yoga-basics-01.mp4"), "object keys stay private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1"})
    void rejectsLimitOutsideOneToHundred(String limit) {
        var response = function.handle(ApiGatewayEvents.request("GET", "/content").bearer(TestUser.fresh().token())
            .query("limit", limit).build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void rejectsCursorItDidNotIssue() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/content").bearer(TestUser.fresh().token())
            .query("cursor", "%%%not-base64").build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void rejectsRequestWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/content").build());

        assertEquals(401, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }
}
