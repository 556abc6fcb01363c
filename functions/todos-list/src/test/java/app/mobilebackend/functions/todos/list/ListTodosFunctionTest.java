package app.mobilebackend.functions.todos.list;

import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoPage;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ListTodosFunctionTest {

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
    void pagesThroughCallersTodosOldestFirst() {
        TestUser user = TestUser.fresh();
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(todos.create(user.sub(), new TodoCreate("todo " + i)).getId());
        }
        todos.create(TestUser.fresh().sub(), new TodoCreate("someone else's"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).query("limit", "2");
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            var response = function.handle(request.build());
            assertEquals(200, response.getStatusCode());
            TodoPage page = function.read(response.getBody(), TodoPage.class);
            page.getItems().forEach(todo -> seen.add(todo.getId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);

        assertEquals(created, seen);
        assertEquals(3, pages);
    }

    @Test
    void filtersByDone() {
        TestUser user = TestUser.fresh();
        String open = todos.create(user.sub(), new TodoCreate("open")).getId();
        TodoCreate finished = new TodoCreate("finished");
        finished.setDone(true);
        String done = todos.create(user.sub(), finished).getId();

        var doneOnly = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).query("done", "true").build());
        var openOnly = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).query("done", "false").build());

        assertEquals(List.of(done), ids(doneOnly.getBody()));
        assertEquals(List.of(open), ids(openOnly.getBody()));
    }

    @Test
    void answersEmptyPageForNewUser() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("items", List.of()), function.readMap(response.getBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1"})
    void rejectsLimitOutsideOneToHundred(String limit) {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(TestUser.fresh().token())
            .query("limit", limit).build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals("limit", fieldOfFirstError(response.getBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "TRUE", "1", "", "yes"})
    void refusesDoneOtherThanTrueOrFalseInsteadOfReadingItAsFalse(String done) {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(TestUser.fresh().token()).query("done", done).build());

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals("done", fieldOfFirstError(response.getBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "+5", "0x10", "007"})
    void refusesLimitThatIsNotAnInteger(String limit) {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(TestUser.fresh().token()).query("limit", limit).build());

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("limit", fieldOfFirstError(response.getBody()));
    }

    @Test
    void rejectsCursorItDidNotIssue() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(TestUser.fresh().token())
            .query("cursor", "%%%not-base64").build());

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    static Stream<Arguments> badTokens() {
        LocalIdentityProvider idp = LocalIdentityProvider.shared();
        JWTClaimsSet valid = idp.accessClaims("mallory", Duration.ofHours(1)).build();
        return Stream.of(
            Arguments.of("expired", idp.sign(idp.accessClaims("mallory", Duration.ofMinutes(-5)).build())),
            Arguments.of("wrong issuer", idp.sign(new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build())),
            Arguments.of("wrong client", idp.sign(new JWTClaimsSet.Builder(valid).claim("client_id", "other-app").build())),
            Arguments.of("id token", idp.sign(new JWTClaimsSet.Builder(valid).claim("token_use", "id").build())),
            Arguments.of("bad signature", idp.signWithForeignKey(valid)),
            Arguments.of("alg none", LocalIdentityProvider.unsigned(valid)),
            Arguments.of("not a jwt", "not-a-token"),
            Arguments.of("no exp", idp.sign(new JWTClaimsSet.Builder(valid).expirationTime(null).build())),
            Arguments.of("nbf beyond clock skew", idp.sign(new JWTClaimsSet.Builder(valid).notBeforeTime(inSeconds(90)).build())),
            Arguments.of("iat beyond clock skew", idp.sign(new JWTClaimsSet.Builder(valid).issueTime(inSeconds(90)).build())));
    }

    private static Date inSeconds(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    @Test
    void acceptsTokenWhoseNbfAndIatAreAheadWithinClockSkew() {
        LocalIdentityProvider idp = LocalIdentityProvider.shared();
        String token = idp.sign(idp.accessClaims(TestUser.fresh().sub(), Duration.ofHours(1))
            .notBeforeTime(inSeconds(30)).issueTime(inSeconds(30)).build());

        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(token).build());

        assertEquals(200, response.getStatusCode(), response.getBody());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void rejectsTokenWithUnauthorizedProblem(String kind, String token) {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").bearer(token).build());

        assertEquals(401, response.getStatusCode(), kind);
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(401, ((Number) function.readMap(response.getBody()).get("status")).intValue());
    }

    @Test
    void readsLimitGivenOnlyInMultiValueQueryParameters() {
        TestUser user = TestUser.fresh();
        todos.create(user.sub(), new TodoCreate("one"));
        todos.create(user.sub(), new TodoCreate("two"));
        var event = ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).query("limit", "1").build();
        event.setQueryStringParameters(null);

        var response = function.handle(event);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, ids(response.getBody()).size());
    }

    @Test
    void readsLimitGivenOnlyInSingleValueQueryParameters() {
        TestUser user = TestUser.fresh();
        todos.create(user.sub(), new TodoCreate("one"));
        todos.create(user.sub(), new TodoCreate("two"));
        var event = ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).query("limit", "1").build();
        event.setMultiValueQueryStringParameters(null);

        var response = function.handle(event);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, ids(response.getBody()).size());
    }

    @Test
    void rejectsRequestWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/todos").build());

        assertEquals(401, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    private static List<String> ids(String body) {
        return function.read(body, TodoPage.class).getItems().stream().map(t -> t.getId()).toList();
    }

    @SuppressWarnings("unchecked")
    private static String fieldOfFirstError(String body) {
        var errors = (List<Map<String, Object>>) function.readMap(body).get("errors");
        return (String) errors.get(0).get("field");
    }
}
