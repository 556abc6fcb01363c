package app.mobilebackend.functions.todos.create;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How createTodo reads the body's bytes: base64 as API Gateway flags it, UTF-8 only (RFC 8259), any header case. */
class CreateTodoBodyEncodingTest {

    private static final String TITLE = "Crème brûlée für Zoë ☕";

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
    void storesNonAsciiTitleIntactWhenDeclaredUtf8() {
        TestUser user = TestUser.fresh();

        var response = function.handle(create(user, "application/json; charset=UTF-8", TITLE));

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(TITLE, function.read(response.getBody(), Todo.class).getTitle());
        assertEquals(TITLE, todos.list(user.sub(), 10, null, null).getItems().get(0).getTitle());
    }

    @Test
    void acceptsPureAsciiBodyDeclaredUsAscii() {
        TestUser user = TestUser.fresh();

        var response = function.handle(create(user, "application/json; charset=US-ASCII", "Buy milk"));

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("Buy milk", todos.list(user.sub(), 10, null, null).getItems().get(0).getTitle());
    }

    @Test
    void refusesNonAsciiBodyDeclaredUsAsciiWithUnsupportedMediaTypeAndStoresNothing() {
        TestUser user = TestUser.fresh();

        var response = function.handle(create(user, "application/json; charset=US-ASCII", TITLE));

        assertUnsupportedCharset("US-ASCII", response);
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "UTF-16", "x-no-such-charset", "\"windows-1252\""})
    void refusesBodyDeclaredInAnotherCharsetWithUnsupportedMediaTypeAndStoresNothing(String charset) {
        TestUser user = TestUser.fresh();

        var response = function.handle(create(user, "application/json;charset=" + charset, "Buy milk"));

        assertUnsupportedCharset(charset.replace("\"", ""), response);
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @Test
    void readsBase64EncodedBody() {
        TestUser user = TestUser.fresh();
        APIGatewayProxyRequestEvent event = create(user, "application/json", TITLE);
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        var response = function.handle(event);

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(TITLE, todos.list(user.sub(), 10, null, null).getItems().get(0).getTitle());
    }

    @Test
    void answersBadRequestForInvalidBase64BodyAndStoresNothing() {
        TestUser user = TestUser.fresh();
        APIGatewayProxyRequestEvent event = create(user, "application/json", "Buy milk");
        event.setIsBase64Encoded(true); // the JSON as it is: '{', '"' and ':' are not base64

        var response = function.handle(event);

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals("The request body is marked base64-encoded but is not valid base64.",
            function.readMap(response.getBody()).get("detail"));
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @Test
    void readsLowerCaseAuthorizationAndContentTypeHeaders() {
        TestUser user = TestUser.fresh();
        APIGatewayProxyRequestEvent event = ApiGatewayEvents.request("POST", "/todos")
            .header("authorization", "Bearer " + user.token())
            .header("content-type", "application/json; charset=utf-8")
            .body("{\"title\":\"" + TITLE + "\"}").build();

        var response = function.handle(event);

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(TITLE, todos.list(user.sub(), 10, null, null).getItems().get(0).getTitle());
    }

    private static APIGatewayProxyRequestEvent create(TestUser user, String contentType, String title) {
        return ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).header("Content-Type", contentType)
            .body("{\"title\":\"" + title + "\"}").build();
    }

    private static void assertUnsupportedCharset(String charset, APIGatewayProxyResponseEvent response) {
        assertEquals(415, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        var problem = function.readMap(response.getBody());
        assertEquals("Unsupported Media Type", problem.get("title"));
        assertEquals("The request body is declared in charset " + charset + "; send it as UTF-8 (charset=UTF-8, or no charset).",
            problem.get("detail"));
    }
}
