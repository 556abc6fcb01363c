package app.mobilebackend.functions.todos.get;

import app.mobilebackend.api.TodosGetApi;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.todos.TodoService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;

/** Serves getTodo: the to-do with its {@code ETag}, or 304 when the client's copy is current. */
@Controller
public class GetTodoController implements TodosGetApi {

    private final TodoService todos;
    private final CurrentUser user;

    GetTodoController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    @Override
    public HttpResponse<Todo> getTodo(String todoId, String ifNoneMatch) {
        Todo todo = todos.get(user.sub(), todoId);
        String etag = ETags.of(todo.getVersion());
        if (ETags.matches(ifNoneMatch, todo.getVersion())) {
            return HttpResponse.<Todo>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.ok(todo).header(HttpHeaders.ETAG, etag);
    }
}
