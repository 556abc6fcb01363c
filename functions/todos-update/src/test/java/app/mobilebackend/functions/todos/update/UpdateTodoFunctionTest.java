package app.mobilebackend.functions.todos.update;

import app.mobilebackend.api.model.Problem;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestDatabase;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateTodoFunctionTest {

    private static final String DONE = "{\"title\":\"Buy oat milk\",\"done\":true}";

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
    void replacesTodoOverCurrentVersion() {
        TestUser user = TestUser.fresh();
        TodoCreate create = new TodoCreate("Buy milk");
        create.setNotes("to be cleared");
        Todo created = todos.create(user.sub(), create);

        var response = put(user, created.getId(), "\"1\"", DONE);

        assertEquals(200, response.getStatusCode());
        assertEquals("\"2\"", header(response, "ETag"));
        Todo updated = function.read(response.getBody(), Todo.class);
        assertEquals("Buy oat milk", updated.getTitle());
        assertTrue(updated.getDone());
        assertNull(updated.getNotes());
        assertEquals(2L, updated.getVersion());
        assertEquals(created.getCreatedAt(), updated.getCreatedAt());
        assertEquals(updated.getTitle(), todos.get(user.sub(), created.getId()).getTitle());
    }

    @Test
    void rejectsStaleVersionWithPreconditionFailedAndKeepsTodo() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        assertEquals(200, put(user, created.getId(), "\"1\"", DONE).getStatusCode());

        var stale = put(user, created.getId(), "\"1\"", "{\"title\":\"lost update\",\"done\":false}");

        assertEquals(412, stale.getStatusCode());
        assertEquals("application/problem+json", header(stale, "Content-Type"));
        Todo current = todos.get(user.sub(), created.getId());
        assertEquals("Buy oat milk", current.getTitle());
        assertEquals(2L, current.getVersion());
    }

    @Test
    void requiresIfMatch() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));

        var response = put(user, created.getId(), null, DONE);

        assertEquals(428, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(1L, todos.get(user.sub(), created.getId()).getVersion());
    }

    @Test
    void rejectsInvalidBodyAndKeepsTodo() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));

        var response = put(user, created.getId(), "\"1\"", "{\"title\":\"\",\"done\":true}");

        assertEquals(400, response.getStatusCode());
        assertEquals("Buy milk", todos.get(user.sub(), created.getId()).getTitle());
    }

    @Test
    void returnsNotFoundForAnotherUsersTodo() {
        TestUser owner = TestUser.fresh();
        Todo theirs = todos.create(owner.sub(), new TodoCreate("private"));

        var response = put(TestUser.fresh(), theirs.getId(), "\"1\"", DONE);

        assertEquals(404, response.getStatusCode());
        assertEquals("private", todos.get(owner.sub(), theirs.getId()).getTitle());
    }

    @Test
    void replacesWhateverVersionIsCurrentWhenIfMatchIsStar() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        assertEquals(200, put(user, created.getId(), "\"1\"", "{\"title\":\"Buy oat milk\",\"done\":false}").getStatusCode());

        var response = put(user, created.getId(), "*", DONE);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("\"3\"", header(response, "ETag"));
        Todo current = todos.get(user.sub(), created.getId());
        assertTrue(current.getDone());
        assertEquals(3L, current.getVersion());
    }

    @Test
    void returnsNotFoundForAnotherUsersTodoWhenIfMatchIsStar() {
        TestUser owner = TestUser.fresh();
        Todo theirs = todos.create(owner.sub(), new TodoCreate("private"));

        var response = put(TestUser.fresh(), theirs.getId(), "*", DONE);

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals("private", todos.get(owner.sub(), theirs.getId()).getTitle());
        assertEquals(1L, todos.get(owner.sub(), theirs.getId()).getVersion());
    }

    @Test
    void returnsNotFoundForMissingTodoWhenIfMatchIsStar() {
        var response = put(TestUser.fresh(), "does-not-exist", "*", DONE);

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void answersServiceUnavailableWhenItWaitsTooLongForALockAndWritesNothing() throws Exception {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        LocalDatabase db = TestDatabase.shared();
        // Another writer of this user holds the change log's lock longer than the function may wait for it.
        try (var impatient = LocalFunction.start(Map.of(
                 "datasources.default.connection-init-sql", "SET SESSION innodb_lock_wait_timeout = 1"));
             Connection other = DriverManager.getConnection(db.url(), db.username(), db.password())) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("SELECT seq FROM sync_log WHERE owner_sub = ? FOR UPDATE")) {
                lock.setString(1, user.sub());
                lock.executeQuery().close();
            }
            var request = ApiGatewayEvents.request("PUT", "/todos/" + created.getId()).bearer(user.token())
                .header("If-Match", "\"1\"").json(DONE);

            var response = impatient.handle(request.build());
            other.rollback();

            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("5", header(response, "Retry-After"));
            assertEquals("application/problem+json", header(response, "Content-Type"));
            assertTrue(!response.getBody().contains("Exception") && !response.getBody().contains("sync_log"), response.getBody());
        }
        Todo unchanged = todos.get(user.sub(), created.getId());
        assertEquals("Buy milk", unchanged.getTitle());
        assertEquals(1L, unchanged.getVersion());
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent put(
            TestUser user, String id, String ifMatch, String body) {
        var request = ApiGatewayEvents.request("PUT", "/todos/" + id).bearer(user.token()).json(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return function.handle(request.build());
    }

    @Test
    void answersPreconditionFailedWithTheCurrentTodoWhenIfMatchIsStale() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        todos.update(user.sub(), created.getId(), "\"1\"", new TodoUpdate("Buy oat milk", false));

        var response = function.handle(ApiGatewayEvents.request("PUT", "/todos/" + created.getId()).bearer(user.token())
            .header("If-Match", "\"1\"").json(DONE).build());

        assertEquals(412, response.getStatusCode());
        Todo current = function.read(response.getBody(), Problem.class).getCurrentTodo();
        assertEquals(2L, current.getVersion());
        assertEquals("Buy oat milk", current.getTitle());
        assertEquals(false, todos.get(user.sub(), created.getId()).getDone());
    }

    @Test
    void answersGoneForATodoDeletedSince() {
        TestUser user = TestUser.fresh();
        Todo created = todos.create(user.sub(), new TodoCreate("Buy milk"));
        todos.delete(user.sub(), created.getId());

        var response = function.handle(ApiGatewayEvents.request("PUT", "/todos/" + created.getId()).bearer(user.token())
            .header("If-Match", "\"1\"").json(DONE).build());

        assertEquals(410, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }
}
