package app.mobilebackend.functions.todos.delete;

import app.mobilebackend.api.TodosDeleteApi;
import app.mobilebackend.core.error.ProblemErrorResponseProcessor;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.todos.TodoService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.context.ServerRequestContext;

/** Serves deleteTodo: 204 once the caller's to-do is gone (now, or by an earlier request); 412 when {@code If-Match} is stale. */
@Controller
public class DeleteTodoController implements TodosDeleteApi {

    private final TodoService todos;
    private final CurrentUser user;

    DeleteTodoController(TodoService todos, CurrentUser user) {
        this.todos = todos;
        this.user = user;
    }

    /**
     * The generated interface produces only problem+json (204 has no body), so a client sending
     * {@code Accept: application/json} would get 406: accept both.
     */
    @Override
    @Produces({MediaType.APPLICATION_JSON, ProblemErrorResponseProcessor.PROBLEM_JSON_TYPE})
    public HttpResponse<Void> deleteTodo(String todoId) {
        todos.delete(user.sub(), todoId, ifMatch());
        return HttpResponse.noContent();
    }

    /**
     * The request's {@code If-Match}, read from the request: the spec leaves it out of deleteTodo's parameters (as one,
     * it would add an argument to every SDK's {@code deleteTodo}), so the generated interface does not bind it.
     */
    private static String ifMatch() {
        return ServerRequestContext.currentRequest().flatMap(request -> request.getHeaders().findFirst(HttpHeaders.IF_MATCH)).orElse(null);
    }
}
