package app.mobilebackend.functions.todos.create;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateTodoFunctionTest {

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
    void createsTodoWithLocationAndETag() {
        TestUser user = TestUser.fresh();
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .json("{\"title\":\"Buy milk\",\"notes\":\"Oat, 2 litres\",\"dueAt\":\"2026-12-01T18:00:00Z\"}").build());

        assertEquals(201, response.getStatusCode());
        Todo todo = function.read(response.getBody(), Todo.class);
        assertEquals("/todos/" + todo.getId(), header(response, "Location"));
        assertEquals("\"1\"", header(response, "ETag"));
        assertEquals("Buy milk", todo.getTitle());
        assertEquals("Oat, 2 litres", todo.getNotes());
        assertFalse(todo.getDone());
        assertEquals(OffsetDateTime.parse("2026-12-01T18:00:00Z").toInstant(), todo.getDueAt().toInstant());
        assertEquals(1L, todo.getVersion());
        assertEquals(todo.getTitle(), todos.get(user.sub(), todo.getId()).getTitle());
    }

    @Test
    void listsEachInvalidFieldAndStoresNothing() {
        TestUser user = TestUser.fresh();
        String body = "{\"title\":\"\",\"notes\":\"" + "n".repeat(4001) + "\"}";
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).json(body).build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(List.of("notes", "title"), fields(response.getBody()));
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @Test
    void rejectsTitleLongerThanTwoHundred() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"title\":\"" + "t".repeat(201) + "\"}").build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("title"), fields(response.getBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\":", "not json", "{\"title\":\"x\",\"done\":\"maybe\"}", "{\"title\":\"x\",\"dueAt\":\"tomorrow\"}", "[]"})
    void rejectsMalformedOrMistypedBodyWithBadRequest(String body) {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token()).json(body).build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertFalse(response.getBody().contains("Exception"), response.getBody());
    }

    @Test
    void rejectsMissingBodyWithBadRequest() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .header("Content-Type", "application/json").build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void refusesOversizeBodyWithPayloadTooLarge() {
        TestUser user = TestUser.fresh();
        String body = "{\"title\":\"big\",\"notes\":\"" + "x".repeat(70_000) + "\"}";
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).json(body).build());

        assertEquals(413, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\":42}", "{\"title\":[\"x\"]}", "{\"title\":true}", "{\"title\":{\"x\":1}}"})
    void refusesNonStringTitleInsteadOfCoercingIt(String body) {
        TestUser user = TestUser.fresh();
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).json(body).build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of(Map.of("field", "title", "message", "must be a string")), function.readMap(response.getBody()).get("errors"));
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @Test
    void refusesEpochSecondsForDateTime() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"title\":\"x\",\"dueAt\":1764612000}").build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("dueAt"), fields(response.getBody()));
    }

    @Test
    void refusesNullForBooleanThatIsNotNullable() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"title\":\"x\",\"done\":null}").build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of(Map.of("field", "done", "message", "must not be null")), function.readMap(response.getBody()).get("errors"));
    }

    @Test
    void acceptsNullWhereTheSpecSaysNullable() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"title\":\"x\",\"notes\":null,\"dueAt\":null}").build());

        assertEquals(201, response.getStatusCode(), response.getBody());
    }

    @Test
    void countsTitleLengthInCharactersNotUtf16Units() {
        TestUser user = TestUser.fresh();
        String twoHundredEmoji = "\uD83D\uDE00".repeat(200);
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .json("{\"title\":\"" + twoHundredEmoji + "\"}").build());

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(twoHundredEmoji, function.read(response.getBody(), Todo.class).getTitle());
        var tooLong = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .json("{\"title\":\"" + twoHundredEmoji + "a\"}").build());
        assertEquals(400, tooLong.getStatusCode());
        assertEquals(List.of("title"), fields(tooLong.getBody()));
    }

    @Test
    void namesEveryWrongFieldOfOneBody() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"title\":7,\"notes\":false,\"done\":\"yes\",\"dueAt\":\"tomorrow\"}").build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("done", "dueAt", "notes", "title"), fields(response.getBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\":\"a\"}{\"title\":\"b\"}", "{\"title\":\"a\"} trailing", "{\"title\":\"a\"},", "{\"title\":\"a\",\"title\":\"b\"}"})
    void refusesDataAfterTheJsonValueAndDuplicateFields(String body) {
        TestUser user = TestUser.fresh();
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).json(body).build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @Test
    void refusesBodyWithoutContentTypeWithUnsupportedMediaType() {
        TestUser user = TestUser.fresh();
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .body("{\"title\":\"x\"}").build());

        assertEquals(415, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertTrue(todos.list(user.sub(), 10, null, null).getItems().isEmpty());
    }

    @Test
    void refusesHalfASurrogatePair() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"title\":\"a\\ud800b\"}").build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("title"), fields(response.getBody()));
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(String body) {
        var errors = (List<Map<String, Object>>) function.readMap(body).get("errors");
        return errors.stream().map(e -> (String) e.get("field")).sorted().toList();
    }

    @Test
    void createsUnderTheClientsIdAndAnswersAReplayWithTheTodoAsItIsNow() {
        TestUser user = TestUser.fresh();
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"title\":\"Buy milk\"}";
        var created = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).json(body).build());
        todos.update(user.sub(), id, "\"1\"", new TodoUpdate("Buy oat milk", true));

        var replayed = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token()).json(body).build());

        assertEquals(201, created.getStatusCode());
        assertEquals("/todos/" + id, header(created, "Location"));
        assertEquals(200, replayed.getStatusCode());
        assertEquals("true", header(replayed, "Idempotent-Replayed"));
        assertEquals("\"2\"", header(replayed, "ETag"));
        assertEquals("Buy oat milk", function.read(replayed.getBody(), Todo.class).getTitle());
        assertEquals(1, todos.list(user.sub(), 20, null, null).getItems().size());
    }

    @Test
    void answersGoneForTheIdOfATodoDeletedAndConflictForAnotherUsersId() {
        TestUser user = TestUser.fresh();
        Todo deleted = todos.create(user.sub(), new TodoCreate("Deleted"));
        todos.delete(user.sub(), deleted.getId());
        Todo theirs = todos.create(TestUser.fresh().sub(), new TodoCreate("Theirs"));

        var gone = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .json("{\"id\":\"" + deleted.getId() + "\",\"title\":\"Again\"}").build());
        var taken = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .json("{\"id\":\"" + theirs.getId() + "\",\"title\":\"Mine?\"}").build());

        assertEquals(410, gone.getStatusCode());
        assertEquals("application/problem+json", header(gone, "Content-Type"));
        assertEquals(409, taken.getStatusCode());
        assertEquals("application/problem+json", header(taken, "Content-Type"));
        assertTrue(!taken.getBody().contains("Theirs"), taken.getBody());
        assertEquals(0, todos.list(user.sub(), 20, null, null).getItems().size());
    }

    @Test
    void rejectsAnIdThatIsNotALowerCaseUuid() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(TestUser.fresh().token())
            .json("{\"id\":\"01936F0E-8C8A-7B4E-9D6A-3F2B1C0D9E8F\",\"title\":\"x\"}").build());

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("\"field\":\"id\""), response.getBody());
    }

    @Test
    void makesAnIdWhenTheClientSendsNull() {
        TestUser user = TestUser.fresh();

        var response = function.handle(ApiGatewayEvents.request("POST", "/todos").bearer(user.token())
            .json("{\"id\":null,\"title\":\"Buy milk\"}").build());

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertTrue(function.read(response.getBody(), Todo.class).getId().matches("[0-9a-f-]{36}"));
    }
}
