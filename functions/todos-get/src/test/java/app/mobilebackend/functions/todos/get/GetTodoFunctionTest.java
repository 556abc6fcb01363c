package app.mobilebackend.functions.todos.get;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.core.todos.TodoService;
import app.mobilebackend.testkit.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    void returnsNotFoundForUnknownId() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos/does-not-exist").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
    }
}
