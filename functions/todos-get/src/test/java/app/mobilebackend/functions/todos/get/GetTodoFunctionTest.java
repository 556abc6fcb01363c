package app.mobilebackend.functions.todos.get;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetTodoFunctionTest {

    private static LocalFunction function;
    private static TodoService todos;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        todos = function.context().getBean(TodoService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void returnsTodoWithETag() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Call mum"));

        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/" + created.getId()).bearer(user.token()).build());

        assertEquals(200, response.getStatusCode());
        assertEquals("\"1\"", header(response, "ETag"));
        Todo todo = function.read(response.getBody(), Todo.class);
        assertEquals(created.getId(), todo.getId());
        assertEquals("Call mum", todo.getTitle());
    }

    @Test
    void answersNotModifiedWhenIfNoneMatchIsCurrent() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Call mum"));

        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/" + created.getId()).bearer(user.token())
            .header("If-None-Match", "\"1\"").build());

        assertEquals(304, response.getStatusCode());
        assertEquals("\"1\"", header(response, "ETag"));
        assertTrue(response.getBody() == null || response.getBody().isEmpty());
    }

    @Test
    void returnsTodoWhenIfNoneMatchIsStale() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Call mum"));

        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/" + created.getId()).bearer(user.token())
            .header("If-None-Match", "\"0\"").build());

        assertEquals(200, response.getStatusCode());
    }

    @Test
    void returnsNotFoundForAnotherUsersTodo() {
        Todo theirs = todos.create(TestUser.fresh().sub(), new TodoCreate("private"));

        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/" + theirs.getId()).bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertTrue(!response.getBody().contains("private"));
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenDatabaseIsDown() {
        try (var down = LocalFunction.start(Map.of("db.url", "jdbc:mysql://127.0.0.1:9/mobile",
                "datasources.default.minimum-idle", 0, "datasources.default.connection-timeout", 1000,
                "datasources.default.initialization-fail-timeout", -1))) {
            var response = down.handle(ApiGatewayEvents.request("GET", "/todos/any").bearer(TestUser.fresh().token()).build());

            assertEquals(503, response.getStatusCode());
            assertEquals("5", header(response, "Retry-After"));
            assertEquals("application/problem+json", header(response, "Content-Type"));
            assertTrue(!response.getBody().contains("127.0.0.1") && !response.getBody().contains("Exception"), response.getBody());
        }
    }

    @Test
    void returnsNotFoundForUnknownId() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/does-not-exist").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
    }

    @Test
    void returnsNotFoundForATodoDeletedSince() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Call mum"));
        todos.delete(user.sub(), created.getId());

        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/" + created.getId()).bearer(user.token()).build());

        assertEquals(404, response.getStatusCode());
    }
}
