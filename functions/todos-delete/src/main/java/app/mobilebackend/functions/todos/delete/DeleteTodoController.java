package app.mobilebackend.functions.todos.delete;

import app.mobilebackend.api.TodosDeleteApi;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.core.todos.TodoService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Serves deleteTodo: 204 once the caller's to-do is gone. */
@Controller
public class DeleteTodoController implements TodosDeleteApi {

    private final TodoService todos;
    private final CurrentUser user;

    DeleteTodoController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    @Override
    public HttpResponse<Void> deleteTodo(String todoId) {
        todos.delete(user.sub(), todoId);
        return HttpResponse.noContent();
    }
}
