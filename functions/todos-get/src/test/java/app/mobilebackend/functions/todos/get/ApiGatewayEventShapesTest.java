package app.mobilebackend.functions.todos.get;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Events the runtime can hand over in shapes other than the usual one, through the real handler. */
class ApiGatewayEventShapesTest {

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
    void answersNormallyWithoutRequestContext() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = fixture.request();
        event.setRequestContext(null);

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void answersBadRequestProblemWithoutHttpMethod() {
        APIGatewayProxyRequestEvent event = new Fixture().request();
        event.setHttpMethod(null);

        var response = function.handle(event);

        assertProblem(400, response);
        assertEquals("The request has no HTTP method.", function.readMap(response.getBody()).get("detail"));
    }

    @Test
    void answersNotFoundProblemForStrayPercentInPath() {
        APIGatewayProxyRequestEvent event = new Fixture().request();
        event.setPath("/todos/%zz");

        // a path parameter with any character is an id that does not exist, as its encoded form (%25zz) is
        assertProblem(404, function.handle(event));
    }

    @Test
    void readsTokenFromMultiValueHeadersWhenHeadersAreNull() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = fixture.request();
        event.setHeaders(null);

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void readsTokenFromHeadersWhenMultiValueHeadersAreNull() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = fixture.request();
        event.setMultiValueHeaders(null);

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void answersUnauthorizedProblemWhenBothHeaderMapsAreNull() {
        APIGatewayProxyRequestEvent event = new Fixture().request();
        event.setHeaders(null);
        event.setMultiValueHeaders(null);

        assertProblem(401, function.handle(event));
    }

    @Test
    void readsLowerCaseAuthorizationHeader() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = ApiGatewayEvents.request("GET", "/todos/" + fixture.todo.getId())
            .header("authorization", "Bearer " + fixture.user.token()).build();

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void ignoresHeadersAndParametersWithNullValues() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = fixture.request();
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("X-Empty", null);
        Map<String, List<String>> multiValueHeaders = new HashMap<>(event.getMultiValueHeaders());
        multiValueHeaders.put("X-Empty", null);
        Map<String, List<String>> query = new HashMap<>();
        query.put("unused", null);
        event.setHeaders(headers);
        event.setMultiValueHeaders(multiValueHeaders);
        event.setMultiValueQueryStringParameters(query);

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void routesWhenRequestContextPathCarriesTheStage() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = fixture.request();
        // the execute-api endpoint: the stage is in requestContext.path only
        event.getRequestContext().withStage("prod").withPath("/prod/todos/" + fixture.todo.getId()).withResourcePath("/todos/{todoId}");
        event.setResource("/todos/{todoId}");
        event.setPathParameters(Map.of("todoId", fixture.todo.getId()));

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void routesBehindCustomDomainWithBasePathMapping() {
        Fixture fixture = new Fixture();

        assertTodo(fixture, function.handle(behindBasePath("/v1", fixture)));
    }

    @Test
    void routesBehindCustomDomainWithMultiLevelBasePathMapping() {
        Fixture fixture = new Fixture();

        assertTodo(fixture, function.handle(behindBasePath("/api/v1", fixture)));
    }

    @Test
    void routesWithTrailingSlashBehindCustomDomainWithBasePathMapping() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = behindBasePath("/v1", fixture);
        event.setPath(event.getPath() + "/");

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void routesWithTrailingSlash() {
        Fixture fixture = new Fixture();
        APIGatewayProxyRequestEvent event = fixture.request();
        event.setPath(event.getPath() + "/");

        assertTodo(fixture, function.handle(event));
    }

    @Test
    void answersNotFoundForAnotherFunctionsPathBehindBasePathMapping() {
        APIGatewayProxyRequestEvent event = ApiGatewayEvents.request("GET", "/v1/me/preferences").bearer(TestUser.fresh().token()).build();
        event.setResource("/me/preferences");

        assertProblem(404, function.handle(event));
    }

    /** What API Gateway sends for {@code https://api.example.com<basePath>/todos/<id>}: the base path only in the paths. */
    private static APIGatewayProxyRequestEvent behindBasePath(String basePath, Fixture fixture) {
        APIGatewayProxyRequestEvent event = ApiGatewayEvents.request("GET", basePath + "/todos/" + fixture.todo.getId())
            .bearer(fixture.user.token()).build();
        event.setResource("/todos/{todoId}");
        event.setPathParameters(Map.of("todoId", fixture.todo.getId()));
        event.getRequestContext().withStage("prod").withResourcePath("/todos/{todoId}");
        return event;
    }

    private static void assertTodo(Fixture fixture, APIGatewayProxyResponseEvent response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(fixture.todo.getId(), function.read(response.getBody(), Todo.class).getId());
    }

    private static void assertProblem(int status, APIGatewayProxyResponseEvent response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        Map<String, Object> problem = function.readMap(response.getBody());
        assertEquals("about:blank", problem.get("type"));
        assertEquals(status, ((Number) problem.get("status")).intValue());
        assertFalse(response.getBody().contains("Exception"), response.getBody());
    }

    /** A user with one to-do, and the usual event asking for it. */
    private static final class Fixture {
        final TestUser user = TestUser.fresh();
        final Todo todo = todos.create(user.sub(), new TodoCreate("Call mum"));

        APIGatewayProxyRequestEvent request() {
            return ApiGatewayEvents.request("GET", "/todos/" + todo.getId()).bearer(user.token()).build();
        }
    }
}
