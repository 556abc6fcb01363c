package app.mobilebackend.functions.todos.update;

import app.mobilebackend.api.TodosUpdateApi;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.todos.TodoService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Serves updateTodo: replaces the to-do over the version {@code If-Match} names. */
@Controller
public class UpdateTodoController implements TodosUpdateApi {

    private final TodoService todos;
    private final CurrentUser user;

    UpdateTodoController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    @Override
    public HttpResponse<Todo> updateTodo(String todoId, TodoUpdate todoUpdate, String ifMatch) {
        Todo updated = todos.update(user.sub(), todoId, ifMatch, todoUpdate);
        return HttpResponse.ok(updated).header(HttpHeaders.ETAG, ETags.of(updated.getVersion()));
    }
}
