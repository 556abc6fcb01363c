package app.mobilebackend.functions.sync.changes;

import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.api.model.Problem;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoPage;
import app.mobilebackend.preferences.PreferencesService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two devices of one user, one of them offline: it edits and deletes while the other edits the same to-dos, then
 * replays its queue on reconnecting. Conflicts come back exactly where README's rules put them, as problems that
 * carry the current state; after resolving them and syncing, both devices hold what the server holds.
 */
class OfflineDevicesTest {

    private static LocalFunction function;
    private static TodoService todos;
    private static PreferencesService preferences;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        todos = function.context().getBean(TodoService.class);
        preferences = function.context().getBean(PreferencesService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void twoDevicesConvergeWithConflictsSurfacedWhereTheRulesSay() {
        TestUser user = TestUser.fresh();
        Device phone = new Device(function, user.token());
        Device tablet = new Device(function, user.token());
        String both = create(phone, "Edited on both");
        String deletedOnPhone = create(phone, "Deleted on the phone, edited on the tablet");
        String deletedOnTablet = create(phone, "Edited on the phone, deleted on the tablet");
        String tabletOnly = create(phone, "Edited on the tablet only");
        assertEquals(200, phone.send("PUT", "/me/preferences", "\"0\"", "{\"values\":{\"theme\":\"light\",\"fontSize\":12}}").getStatusCode());
        phone.sync(2);
        tablet.sync(2);
        assertEquals(phone.todos, tablet.todos);

        // the tablet goes offline; the phone carries on
        assertEquals(200, phone.send("PUT", "/todos/" + both, "\"1\"", "{\"title\":\"Edited on the phone\",\"done\":false}").getStatusCode());
        assertEquals(204, phone.send("DELETE", "/todos/" + deletedOnPhone, "\"1\"", null).getStatusCode());
        assertEquals(200, phone.send("PUT", "/todos/" + deletedOnTablet, "\"1\"", "{\"title\":\"Edited on the phone\",\"done\":true}").getStatusCode());
        assertEquals(200, phone.send("PUT", "/me/preferences", "\"1\"", "{\"values\":{\"theme\":\"dark\",\"fontSize\":12}}").getStatusCode());
        phone.sync(2);

        // the tablet reconnects and replays what it queued offline, each with the version it last saw
        String createdOffline = UUID.randomUUID().toString();
        assertEquals(201, tablet.send("POST", "/todos", null, "{\"id\":\"" + createdOffline + "\",\"title\":\"Created offline\"}").getStatusCode());
        assertEquals(200, tablet.send("PUT", "/todos/" + tabletOnly, "\"1\"", "{\"title\":\"Edited on the tablet\",\"done\":true}").getStatusCode());

        // edit against edit: 412 with the phone's version; the tablet merges (the phone's title, its own done) and sends again
        APIGatewayProxyResponseEvent stale = tablet.send("PUT", "/todos/" + both, "\"1\"", "{\"title\":\"Edited on the tablet\",\"done\":true}");
        assertEquals(412, stale.getStatusCode());
        Todo current = function.read(stale.getBody(), Problem.class).getCurrentTodo();
        assertEquals("Edited on the phone", current.getTitle());
        assertEquals(2L, current.getVersion());
        assertEquals(200, tablet.send("PUT", "/todos/" + both, "\"2\"", "{\"title\":\"Edited on the phone\",\"done\":true}").getStatusCode());

        // edit against delete: the delete wins, 410
        APIGatewayProxyResponseEvent gone = tablet.send("PUT", "/todos/" + deletedOnPhone, "\"1\"", "{\"title\":\"Too late\",\"done\":false}");
        assertEquals(410, gone.getStatusCode());
        assertEquals("application/problem+json", header(gone, "Content-Type"));

        // delete against edit: 412 with the phone's edit; the tablet still means to delete it, over the version it now saw
        APIGatewayProxyResponseEvent staleDelete = tablet.send("DELETE", "/todos/" + deletedOnTablet, "\"1\"", null);
        assertEquals(412, staleDelete.getStatusCode());
        Todo edited = function.read(staleDelete.getBody(), Problem.class).getCurrentTodo();
        assertEquals(true, edited.getDone());
        assertEquals(204, tablet.send("DELETE", "/todos/" + deletedOnTablet, "\"" + edited.getVersion() + "\"", null).getStatusCode());

        // preferences: 412 with the phone's document; the tablet merges field by field (only fontSize was its change)
        APIGatewayProxyResponseEvent stalePreferences = tablet.send("PUT", "/me/preferences", "\"1\"", "{\"values\":{\"theme\":\"light\",\"fontSize\":16}}");
        assertEquals(412, stalePreferences.getStatusCode());
        Preferences theirs = function.read(stalePreferences.getBody(), Problem.class).getCurrentPreferences();
        assertEquals(2L, theirs.getVersion());
        Map<String, Object> merged = new HashMap<>(theirs.getValues());
        merged.put("fontSize", 16);
        assertEquals(200, tablet.send("PUT", "/me/preferences", "\"2\"", function.write(Map.of("values", merged))).getStatusCode());

        tablet.sync(2);
        phone.sync(2);

        Map<String, Todo> server = serverTodos(user.sub());
        assertEquals(server, phone.todos);
        assertEquals(server, tablet.todos);
        assertEquals(List.of("Created offline", "Edited on the phone", "Edited on the tablet"),
            server.values().stream().map(Todo::getTitle).sorted().toList());
        assertNull(server.get(deletedOnPhone));
        assertNull(server.get(deletedOnTablet));
        assertEquals(Map.of("theme", "dark", "fontSize", 16), numbersAsInts(phone.preferences.getValues()));
        assertEquals(phone.preferences.getVersion(), tablet.preferences.getVersion());
        assertEquals(preferences.get(user.sub()).getVersion(), phone.preferences.getVersion());
    }

    @Test
    void writesReplayedAfterALostAnswerChangeNothingMore() {
        TestUser user = TestUser.fresh();
        Device device = new Device(function, user.token());
        String id = UUID.randomUUID().toString();
        String create = "{\"id\":\"" + id + "\",\"title\":\"Buy milk\"}";
        assertEquals(201, device.send("POST", "/todos", null, create).getStatusCode());
        String edited = create(device, "Edited once");
        assertEquals(200, device.send("PUT", "/todos/" + edited, "\"1\"", "{\"title\":\"Edited\",\"done\":true}").getStatusCode());
        String deleted = create(device, "Deleted once");
        assertEquals(204, device.send("DELETE", "/todos/" + deleted, "\"1\"", null).getStatusCode());
        device.sync(20);
        Map<String, Todo> before = serverTodos(user.sub());

        APIGatewayProxyResponseEvent createAgain = device.send("POST", "/todos", null, create);
        APIGatewayProxyResponseEvent editAgain = device.send("PUT", "/todos/" + edited, "\"1\"", "{\"title\":\"Edited\",\"done\":true}");
        APIGatewayProxyResponseEvent deleteAgain = device.send("DELETE", "/todos/" + deleted, "\"1\"", null);

        assertEquals(200, createAgain.getStatusCode());
        assertEquals("true", header(createAgain, "Idempotent-Replayed"));
        assertEquals(1L, function.read(createAgain.getBody(), Todo.class).getVersion());
        // the edit was applied: its replay is stale, and the problem shows the device its own edit as current
        assertEquals(412, editAgain.getStatusCode());
        Todo current = function.read(editAgain.getBody(), Problem.class).getCurrentTodo();
        assertEquals("Edited", current.getTitle());
        assertEquals(2L, current.getVersion());
        assertEquals(204, deleteAgain.getStatusCode());
        assertEquals(before, serverTodos(user.sub()));
        var changes = device.fetch(device.cursor, 20);
        assertEquals(List.of(), changes.getTodos());
        assertEquals(List.of(), changes.getDeletedTodos());
    }

    @Test
    void aReplayedCreateDoesNotUndoADeleteAndAnotherUsersIdIsTaken() {
        TestUser user = TestUser.fresh();
        Device device = new Device(function, user.token());
        String id = UUID.randomUUID().toString();
        String create = "{\"id\":\"" + id + "\",\"title\":\"Buy milk\"}";
        assertEquals(201, device.send("POST", "/todos", null, create).getStatusCode());
        assertEquals(204, device.send("DELETE", "/todos/" + id, null, null).getStatusCode());

        APIGatewayProxyResponseEvent replayed = device.send("POST", "/todos", null, create);
        APIGatewayProxyResponseEvent someoneElses = new Device(function, TestUser.fresh().token()).send("POST", "/todos", null,
            "{\"id\":\"" + create(device, "Mine") + "\",\"title\":\"Theirs\"}");

        assertEquals(410, replayed.getStatusCode());
        assertEquals("application/problem+json", header(replayed, "Content-Type"));
        assertEquals(409, someoneElses.getStatusCode());
        assertEquals("application/problem+json", header(someoneElses, "Content-Type"));
        assertEquals(List.of("Mine"), serverTodos(user.sub()).values().stream().map(Todo::getTitle).toList());
    }

    private static String create(Device device, String title) {
        APIGatewayProxyResponseEvent response = device.send("POST", "/todos", null, "{\"title\":\"" + title + "\"}");
        assertEquals(201, response.getStatusCode(), response.getBody());
        return function.read(response.getBody(), Todo.class).getId();
    }

    private static Map<String, Todo> serverTodos(String sub) {
        TodoPage page = todos.list(sub, 100, null, null);
        return page.getItems().stream().collect(Collectors.toMap(Todo::getId, todo -> todo));
    }

    private static Map<String, Object> numbersAsInts(Map<String, Object> values) {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
            e -> e.getValue() instanceof Number n ? (Object) n.intValue() : e.getValue()));
    }
}
