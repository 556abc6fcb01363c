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

/**
 * Serves createTodo: 201 with the new to-do, its {@code Location} and {@code ETag}; 200 with the to-do as it is now
 * and {@code Idempotent-Replayed: true} when its client-generated id was created before.
 */
@Controller
public class CreateTodoController implements TodosCreateApi {

    private static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final TodoService todos;
    private final CurrentUser user;

    CreateTodoController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    @Override
    public HttpResponse<Todo> createTodo(TodoCreate todoCreate) {
        TodoService.Creation creation = todos.createOnce(user.sub(), todoCreate);
        Todo todo = creation.todo();
        if (creation.replayed()) {
            return HttpResponse.ok(todo).header(HttpHeaders.ETAG, ETags.of(todo.getVersion()))
                .header(IDEMPOTENT_REPLAYED, "true");
        }
        return HttpResponse.created(todo, URI.create("/todos/" + todo.getId()))
            .header(HttpHeaders.ETAG, ETags.of(todo.getVersion()));
    }
}
