package app.mobilebackend.functions.todos.list;

import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warm GET /todos sends the database its query and nothing else: no session state set around it (a
 * {@code SET SESSION} pins the client's RDS Proxy session to one database connection) and none read back, so one
 * round trip per request, as the hand-written floor of the benchmark does.
 */
class DatabaseRoundTripsTest {

    @Test
    void aWarmListSendsOnlyItsQuery() {
        try (LocalFunction function = LocalFunction.start(Map.of(
            "datasources.default.data-source-properties.queryInterceptors", StatementRecorder.class.getName()))) {
            TestUser user = TestUser.fresh();
            function.context().getBean(TodoService.class).create(user.sub(), new TodoCreate("one"));
            var request = ApiGatewayEvents.request("GET", "/todos").bearer(user.token()).build();
            assertEquals(200, function.handle(request).getStatusCode()); // the first request may set up the connection

            StatementRecorder.SENT.clear();
            assertEquals(200, function.handle(request).getStatusCode());
            List<String> sent = List.copyOf(StatementRecorder.SENT);
            assertEquals(1, sent.size(), "statements sent: " + sent);
            assertTrue(sent.get(0).strip().startsWith("SELECT") && sent.get(0).contains("FROM todo"), sent.get(0));
        }
    }
}
