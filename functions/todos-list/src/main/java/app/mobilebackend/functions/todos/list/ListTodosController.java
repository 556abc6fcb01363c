package app.mobilebackend.functions.todos.list;

import app.mobilebackend.api.TodosListApi;
import app.mobilebackend.api.model.TodoPage;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.todos.TodoService;
import io.micronaut.http.annotation.Controller;

/** Serves listTodos: one page of the caller's to-dos. */
@Controller
public class ListTodosController implements TodosListApi {

    private static final int DEFAULT_LIMIT = 20;

    private final TodoService todos;
    private final CurrentUser user;

    ListTodosController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    @Override
    public TodoPage listTodos(Integer limit, String cursor, Boolean done) {
        return todos.list(user.sub(), limit == null ? DEFAULT_LIMIT : limit, cursor, done);
    }
}
