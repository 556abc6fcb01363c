package app.mobilebackend.devserver;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiResourcesTest {

    private final ApiResources resources = ApiResources.of(List.of(
        "/todos", "/todos/{todoId}", "/todos/export", "/content/{contentId}/access", "/me"));

    @Test
    void matchesTheResourceAndDecodesItsParameters() {
        assertEquals(Optional.of(new ApiResources.Match("/todos/{todoId}", Map.of("todoId", "a%b c+d"))),
            resources.match("/todos/a%25b%20c+d"));
        assertEquals(Optional.of(new ApiResources.Match("/content/{contentId}/access", Map.of("contentId", "café😀"))),
            resources.match("/content/caf%C3%A9%F0%9F%98%80/access"));
    }

    @Test
    void anEncodedSlashStaysInsideItsParameter() {
        assertEquals(Optional.of(new ApiResources.Match("/todos/{todoId}", Map.of("todoId", "a/b"))), resources.match("/todos/a%2Fb"));
        assertEquals(Optional.empty(), resources.match("/todos/a/b"));
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        assertEquals(Optional.of(new ApiResources.Match("/todos/export", Map.of())), resources.match("/todos/export"));
    }

    @Test
    void aPathOfNoResourceMatchesNothing() {
        assertEquals(Optional.empty(), resources.match("/todos/"));
        assertEquals(Optional.empty(), resources.match("/nothing"));
        assertEquals(Optional.empty(), resources.match("/me/"));
    }

    @Test
    void decodingLeavesAStrayPercentSignAsItIs() {
        assertEquals("100%", ApiResources.decode("100%"));
        assertEquals("%zz%4", ApiResources.decode("%zz%4"));
        assertEquals("\uFFFD", ApiResources.decode("%FF"));
    }
}
