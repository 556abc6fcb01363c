package app.mobilebackend.functions.todos.create;

import app.mobilebackend.api.TodosCreateApi;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.todos.TodoService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.net.URI;

/** Serves createTodo: 201 with the new to-do, its {@code Location} and {@code ETag}. */
@Controller
public class CreateTodoController implements TodosCreateApi {

    private final TodoService todos;
    private final CurrentUser user;

    CreateTodoController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    @Override
    public HttpResponse<Todo> createTodo(TodoCreate todoCreate) {
        Todo created = todos.create(user.sub(), todoCreate);
        return HttpResponse.created(created, URI.create("/todos/" + created.getId()))
            .header(HttpHeaders.ETAG, ETags.of(created.getVersion()));
    }
}
