package app.mobilebackend.functions.todos.delete;

import app.mobilebackend.api.model.Problem;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static app.mobilebackend.testkit.Responses.header;
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
    void answersNoContentAgainWhenADeleteIsReplayed() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token())
            .header("If-Match", "\"1\"").build());

        var again = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token())
            .header("If-Match", "\"1\"").build());

        assertEquals(204, again.getStatusCode());
    }

    @Test
    void answersNotFoundForAnIdThatNeverExisted() {
        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/01936f0e-0000-7000-8000-000000000000")
            .bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void answersPreconditionFailedWithTheCurrentTodoWhenIfMatchIsStaleAndKeepsIt() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        todos.update(user.sub(), created.getId(), "\"1\"", new TodoUpdate("Buy oat milk", false));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/todos/" + created.getId()).bearer(user.token())
            .header("If-Match", "\"1\"").build());

        assertEquals(412, response.getStatusCode());
        Problem problem = function.read(response.getBody(), Problem.class);
        assertEquals(2L, problem.getCurrentTodo().getVersion());
        assertEquals("Buy oat milk", problem.getCurrentTodo().getTitle());
        assertEquals("Buy oat milk", todos.get(user.sub(), created.getId()).getTitle());
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
