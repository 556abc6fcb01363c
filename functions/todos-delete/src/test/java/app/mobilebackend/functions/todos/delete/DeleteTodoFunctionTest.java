package app.mobilebackend.functions.todos.delete;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeleteTodoFunctionTest {

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
    void deletesCallersTodo() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token()).build());

        assertEquals(204, response.getStatusCode());
        assertThrows(ApiException.class, () -> todos.get(user.sub(), created.getId()));
    }

    @Test
    void deletesWhenClientAcceptsJson() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token())
            .header("Accept", "application/json").build());

        assertEquals(204, response.getStatusCode());
    }

    @Test
    void answersNotFoundWhenDeletedTwice() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token()).build());

        var again = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token()).build());

        assertEquals(404, again.getStatusCode());
    }

    @Test
    void returnsNotFoundForAnotherUsersTodoAndKeepsIt() {
        TestUser owner = TestUser.fresh();
        Todo theirs = todos.create(owner.sub(), new TodoCreate("private"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + theirs.getId()).bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("private", todos.get(owner.sub(), theirs.getId()).getTitle());
    }

    @Test
    void deletesCallersTodoWhenIfMatchIsStar() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token())
            .header("If-Match", "*").build());

        assertEquals(204, response.getStatusCode());
        assertThrows(ApiException.class, () -> todos.get(user.sub(), created.getId()));
    }

    @Test
    void returnsNotFoundForAnotherUsersTodoWhenIfMatchIsStarAndKeepsIt() {
        TestUser owner = TestUser.fresh();
        Todo theirs = todos.create(owner.sub(), new TodoCreate("private"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + theirs.getId()).bearer(TestUser.fresh().token())
            .header("If-Match", "*").build());

        assertEquals(404, response.getStatusCode());
        assertEquals("private", todos.get(owner.sub(), theirs.getId()).getTitle());
    }
}
