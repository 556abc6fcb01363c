package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.TodosApi;
import app.mobilebackend.sdk.model.Problem;
import app.mobilebackend.sdk.model.Todo;
import app.mobilebackend.sdk.model.TodoCreate;
import app.mobilebackend.sdk.model.TodoPage;
import app.mobilebackend.sdk.model.TodoUpdate;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A to-do's whole life, driven through the generated Java SDK (java.net.http) against the running dev server. */
class TodoLifecycleThroughJavaSdkTest extends DevServerTestBase {

    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-12-01T18:00:00Z");

    @Test
    void createsListsGetsUpdatesAndDeletesATodo() throws Exception {
        TodosApi todos = new TodosApi(clientFor(newSub()));

        ApiResponse<Todo> created = todos.createTodoWithHttpInfo(
            new TodoCreate().title("Buy milk").notes("Oat, 2 litres").dueAt(DUE));
        assertEquals(201, created.getStatusCode());
        Todo todo = created.getData();
        String id = todo.getId();
        assertFalse(id.isBlank());
        assertEquals("Buy milk", todo.getTitle());
        assertEquals("Oat, 2 litres", todo.getNotes());
        assertEquals(false, todo.getDone());
        assertEquals(DUE.toInstant(), todo.getDueAt().toInstant());
        assertEquals(1L, todo.getVersion());
        assertEquals(todo.getCreatedAt(), todo.getUpdatedAt());
        assertEquals(List.of(etag(1)), created.getHeaders().get("ETag"));
        assertEquals(List.of("/todos/" + id), created.getHeaders().get("Location"));

        TodoPage page = todos.listTodos(null, null, null);
        assertEquals(List.of(todo), page.getItems());
        assertNull(page.getNextCursor());
        assertEquals(List.of(todo), todos.listTodos(20, null, false).getItems());
        assertEquals(List.of(), todos.listTodos(20, null, true).getItems());

        ApiResponse<Todo> got = todos.getTodoWithHttpInfo(id, null);
        assertEquals(200, got.getStatusCode());
        assertEquals(todo, got.getData());
        assertEquals(List.of(etag(1)), got.getHeaders().get("ETag"));

        ApiResponse<Todo> updated = todos.updateTodoWithHttpInfo(id,
            new TodoUpdate().title("Buy oat milk").done(true).notes(null).dueAt(DUE), etag(todo.getVersion()));
        assertEquals(200, updated.getStatusCode());
        Todo current = updated.getData();
        assertEquals(id, current.getId());
        assertEquals("Buy oat milk", current.getTitle());
        assertNull(current.getNotes());
        assertEquals(true, current.getDone());
        assertEquals(DUE.toInstant(), current.getDueAt().toInstant());
        assertEquals(2L, current.getVersion());
        assertEquals(todo.getCreatedAt(), current.getCreatedAt());
        assertFalse(current.getUpdatedAt().isBefore(todo.getUpdatedAt()));
        assertEquals(List.of(etag(2)), updated.getHeaders().get("ETag"));
        assertEquals(List.of(current), todos.listTodos(null, null, true).getItems());

        ApiException stale = assertThrows(ApiException.class,
            () -> todos.updateTodo(id, new TodoUpdate().title("Buy cow milk").done(false), etag(1)));
        assertEquals(412, stale.getCode());
        assertEquals(new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The to-do has changed since version 1; the current version is 2.").currentTodo(current), problemOf(stale));
        assertEquals(current, todos.getTodo(id, null));

        ApiResponse<Void> deleted = todos.deleteTodoWithHttpInfo(id);
        assertEquals(204, deleted.getStatusCode());

        ApiException gone = assertThrows(ApiException.class, () -> todos.getTodo(id, null));
        assertEquals(404, gone.getCode());
        assertEquals(new Problem().type("about:blank").title("Not Found").status(404)
            .detail("No to-do with id " + id + "."), problemOf(gone));
        assertEquals(List.of(), todos.listTodos(null, null, null).getItems());
    }

    @Test
    void updatesWithCurrentVersionAndRejectsStaleOne() throws Exception {
        TodosApi todos = new TodosApi(clientFor(newSub()));
        String id = todos.createTodo(new TodoCreate().title("Water the plants")).getId();

        Todo second = todos.updateTodo(id, new TodoUpdate().title("Water the plants").done(true), etag(1));
        Todo third = todos.updateTodo(id, new TodoUpdate().title("Water the ferns").done(true), etag(2));
        assertEquals(2L, second.getVersion());
        assertEquals(3L, third.getVersion());
        assertEquals("Water the ferns", third.getTitle());

        ApiException stale = assertThrows(ApiException.class,
            () -> todos.updateTodo(id, new TodoUpdate().title("Water nothing").done(false), etag(2)));
        assertEquals(412, stale.getCode());
        assertEquals(new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The to-do has changed since version 2; the current version is 3.").currentTodo(third), problemOf(stale));
        assertEquals(third, todos.getTodo(id, null));
    }

    @Test
    void refusesAnUpdateWithoutIfMatch() throws Exception {
        TodosApi todos = new TodosApi(clientFor(newSub()));
        Todo todo = todos.createTodo(new TodoCreate().title("Call the plumber"));

        ApiException missing = assertThrows(ApiException.class,
            () -> todos.updateTodo(todo.getId(), new TodoUpdate().title("Call the electrician").done(false), null));
        assertEquals(428, missing.getCode());
        assertEquals(new Problem().type("about:blank").title("Precondition Required").status(428)
            .detail("This operation requires an If-Match header with the current ETag."), problemOf(missing));
        assertEquals(todo, todos.getTodo(todo.getId(), null));
    }

    @Test
    void answersNotModifiedWhenTheClientsCopyIsCurrent() throws Exception {
        TodosApi todos = new TodosApi(clientFor(newSub()));
        Todo todo = todos.createTodo(new TodoCreate().title("Read a book"));

        // The generated method throws a 304 as a failure; Conditional makes "my copy is current" a value.
        assertEquals(Optional.empty(), Conditional.ifModified(() -> todos.getTodoWithHttpInfo(todo.getId(), etag(1))));
        ApiException notModified = assertThrows(ApiException.class, () -> todos.getTodo(todo.getId(), etag(1)));
        assertEquals(304, notModified.getCode());
        assertEquals(List.of(etag(1)), notModified.getResponseHeaders().allValues("ETag"));
        assertEquals(Optional.empty(), Problems.of(notModified));

        ApiResponse<Todo> changed = Conditional.ifModified(() -> todos.getTodoWithHttpInfo(todo.getId(), etag(0)))
            .orElseThrow();
        assertEquals(200, changed.getStatusCode());
        assertEquals(todo, changed.getData());
    }

    @Test
    void pagesThroughTodosOldestFirst() throws Exception {
        TodosApi todos = new TodosApi(clientFor(newSub()));
        Todo first = todos.createTodo(new TodoCreate().title("First"));
        Todo second = todos.createTodo(new TodoCreate().title("Second").done(true));
        Todo third = todos.createTodo(new TodoCreate().title("Third"));

        TodoPage one = todos.listTodos(2, null, null);
        assertEquals(List.of(first, second), one.getItems());
        assertNotNull(one.getNextCursor());
        TodoPage two = todos.listTodos(2, one.getNextCursor(), null);
        assertEquals(List.of(third), two.getItems());
        assertNull(two.getNextCursor());

        assertEquals(List.of(first, third), todos.listTodos(null, null, false).getItems());
        assertEquals(List.of(second), todos.listTodos(null, null, true).getItems());
    }

    @Test
    void hidesOneUsersTodosFromAnother() throws Exception {
        TodosApi alice = new TodosApi(clientFor(newSub()));
        TodosApi bob = new TodosApi(clientFor(newSub()));
        Todo todo = alice.createTodo(new TodoCreate().title("Alice's secret"));

        ApiException hidden = assertThrows(ApiException.class, () -> bob.getTodo(todo.getId(), null));
        assertEquals(404, hidden.getCode());
        assertEquals(List.of(), bob.listTodos(null, null, null).getItems());
        ApiException notDeleted = assertThrows(ApiException.class, () -> bob.deleteTodo(todo.getId()));
        assertEquals(404, notDeleted.getCode());
        assertEquals(todo, alice.getTodo(todo.getId(), null));
    }

    @Test
    void rejectsACallWithoutAToken() throws Exception {
        TodosApi todos = new TodosApi(anonymousClient());

        ApiException unauthorized = assertThrows(ApiException.class, () -> todos.listTodos(null, null, null));
        assertEquals(401, unauthorized.getCode());
        assertEquals(new Problem().type("about:blank").title("Unauthorized").status(401)
            .detail("A valid access token is required."), problemOf(unauthorized));
        assertTrue(unauthorized.getMessage().startsWith("listTodos call failed with: 401"), unauthorized.getMessage());
    }
}
