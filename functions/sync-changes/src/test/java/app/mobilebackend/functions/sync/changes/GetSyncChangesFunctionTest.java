package app.mobilebackend.functions.sync.changes;

import app.mobilebackend.api.model.Problem;
import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoUpdate;
import app.mobilebackend.core.personaldata.PersonalData;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.preferences.PreferencesService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestDatabase;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetSyncChangesFunctionTest {

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
    void snapshotWithoutSinceHasEveryTodoAndThePreferencesButNoTombstones() {
        TestUser user = TestUser.fresh();
        Todo milk = todos.create(user.sub(), new TodoCreate("Buy milk"));
        Todo gone = todos.create(user.sub(), new TodoCreate("Gone before the snapshot"));
        todos.delete(user.sub(), gone.getId());
        Todo bread = todos.create(user.sub(), new TodoCreate("Buy bread"));
        preferences.put(user.sub(), "\"0\"", Map.of("theme", "dark"));

        SyncChanges snapshot = new Device(function, user.token()).fetch(null, 20);

        assertEquals(List.of(milk.getId(), bread.getId()), ids(snapshot.getTodos()));
        assertEquals(List.of(), snapshot.getDeletedTodos());
        assertEquals("dark", snapshot.getPreferences().getValues().get("theme"));
        assertFalse(snapshot.getHasMore());
        assertNotNull(snapshot.getNextCursor());
    }

    @Test
    void snapshotOfANewUserIsEmptyAndItsCursorSeesTheFirstChange() {
        TestUser user = TestUser.fresh();
        Device device = new Device(function, user.token());
        SyncChanges empty = device.sync(20).get(0);
        assertEquals(List.of(), empty.getTodos());
        assertNull(empty.getPreferences());

        Todo first = todos.create(user.sub(), new TodoCreate("First"));

        assertEquals(List.of(first.getId()), ids(device.fetch(device.cursor, 20).getTodos()));
    }

    @Test
    void pagesFollowTheLimitAndTogetherHoldEachTodoOnce() {
        TestUser user = TestUser.fresh();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(todos.create(user.sub(), new TodoCreate("Todo " + i)).getId());
        }

        List<SyncChanges> pages = new Device(function, user.token()).sync(2);

        assertEquals(List.of(2, 2, 1), pages.stream().map(p -> p.getTodos().size()).toList());
        assertEquals(List.of(true, true, false), pages.stream().map(SyncChanges::getHasMore).toList());
        assertEquals(created, pages.stream().flatMap(p -> ids(p.getTodos()).stream()).toList());
    }

    @Test
    void answersChangesAfterTheCursorInCommitOrderWithTombstones() {
        TestUser user = TestUser.fresh();
        Todo a = todos.create(user.sub(), new TodoCreate("A"));
        Todo b = todos.create(user.sub(), new TodoCreate("B"));
        todos.create(user.sub(), new TodoCreate("untouched"));
        Device device = new Device(function, user.token());
        device.sync(20);

        todos.delete(user.sub(), b.getId());
        Todo c = todos.create(user.sub(), new TodoCreate("C"));
        todos.update(user.sub(), a.getId(), "\"1\"", new TodoUpdate("A, changed", true));
        preferences.put(user.sub(), "\"0\"", Map.of("fontSize", 14));
        SyncChanges changes = device.fetch(device.cursor, 20);

        assertEquals(List.of(c.getId(), a.getId()), ids(changes.getTodos()));
        assertEquals(2L, changes.getTodos().get(1).getVersion());
        assertEquals("A, changed", changes.getTodos().get(1).getTitle());
        assertEquals(1, changes.getDeletedTodos().size());
        assertEquals(b.getId(), changes.getDeletedTodos().get(0).getId());
        assertEquals(2L, changes.getDeletedTodos().get(0).getVersion());
        assertNotNull(changes.getDeletedTodos().get(0).getDeletedAt());
        assertEquals(1L, changes.getPreferences().getVersion());
    }

    @Test
    void theSameCursorAgainAnswersTheSameChanges() {
        TestUser user = TestUser.fresh();
        Device device = new Device(function, user.token());
        device.sync(20);
        todos.create(user.sub(), new TodoCreate("one"));
        todos.create(user.sub(), new TodoCreate("two"));

        SyncChanges first = device.fetch(device.cursor, 1);
        SyncChanges retried = device.fetch(device.cursor, 1);

        assertEquals(ids(first.getTodos()), ids(retried.getTodos()));
        assertEquals(first.getNextCursor(), retried.getNextCursor());
        assertTrue(first.getHasMore());
    }

    @Test
    void aCursorThatHasSeenEverythingAnswersNothingNewAndStaysUsable() {
        TestUser user = TestUser.fresh();
        todos.create(user.sub(), new TodoCreate("one"));
        Device device = new Device(function, user.token());
        device.sync(20);

        SyncChanges nothing = device.fetch(device.cursor, 20);

        assertEquals(List.of(), nothing.getTodos());
        assertEquals(List.of(), nothing.getDeletedTodos());
        assertFalse(nothing.getHasMore());
        Todo later = todos.create(user.sub(), new TodoCreate("later"));
        assertEquals(List.of(later.getId()), ids(device.fetch(nothing.getNextCursor(), 20).getTodos()));
    }

    @Test
    void answersGoneWhenATombstoneAfterTheCursorWasPurgedAndASnapshotConverges() throws SQLException {
        TestUser user = TestUser.fresh();
        Todo kept = todos.create(user.sub(), new TodoCreate("kept"));
        Todo deleted = todos.create(user.sub(), new TodoCreate("deleted"));
        Device device = new Device(function, user.token());
        device.sync(20);
        todos.delete(user.sub(), deleted.getId());
        ageTombstones(user.sub(), 31);

        var response = device.get(device.cursor, 20);

        assertEquals(410, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        Problem problem = function.read(response.getBody(), Problem.class);
        assertEquals(410, problem.getStatus());
        assertTrue(problem.getDetail().contains("snapshot"), problem.getDetail());
        device.reset();
        device.sync(20);
        assertEquals(Set.of(kept.getId()), device.todos.keySet());
    }

    @Test
    void keepsCursorsWorkingWhileTheirTombstonesAreWithinTheRetention() throws SQLException {
        TestUser user = TestUser.fresh();
        Todo deleted = todos.create(user.sub(), new TodoCreate("deleted"));
        Device device = new Device(function, user.token());
        device.sync(20);
        todos.delete(user.sub(), deleted.getId());
        ageTombstones(user.sub(), 29);

        SyncChanges changes = device.fetch(device.cursor, 20);

        assertEquals(List.of(deleted.getId()), changes.getDeletedTodos().stream().map(t -> t.getId()).toList());
    }

    @Test
    void anOldCursorThatHasSeenThePurgedTombstonesStillWorks() throws SQLException {
        TestUser user = TestUser.fresh();
        Todo deleted = todos.create(user.sub(), new TodoCreate("deleted"));
        todos.delete(user.sub(), deleted.getId());
        Device device = new Device(function, user.token());
        device.sync(20);
        ageTombstones(user.sub(), 31);
        Todo later = todos.create(user.sub(), new TodoCreate("later"));

        assertEquals(List.of(later.getId()), ids(device.fetch(device.cursor, 20).getTodos()));
    }

    @Test
    void answersGoneForACursorOfALogErasedSince() {
        TestUser user = TestUser.fresh();
        todos.create(user.sub(), new TodoCreate("before the erasure"));
        Device device = new Device(function, user.token());
        device.sync(20);
        for (PersonalData area : function.context().getBeansOfType(PersonalData.class)) {
            area.erase(user.sub());
        }
        Todo after = todos.create(user.sub(), new TodoCreate("after the erasure"));

        assertEquals(410, device.get(device.cursor, 20).getStatusCode());
        device.reset();
        device.sync(20);
        assertEquals(Set.of(after.getId()), device.todos.keySet());
    }

    @Test
    void erasureRemovesTheChangeLogAndItsTombstones() throws SQLException {
        TestUser user = TestUser.fresh();
        Todo deleted = todos.create(user.sub(), new TodoCreate("deleted"));
        todos.create(user.sub(), new TodoCreate("kept"));
        todos.delete(user.sub(), deleted.getId());
        preferences.put(user.sub(), "\"0\"", Map.of("theme", "dark"));
        assertEquals(3, count("SELECT COUNT(*) FROM sync_change WHERE owner_sub = ?", user.sub()));

        for (PersonalData area : function.context().getBeansOfType(PersonalData.class)) {
            area.erase(user.sub());
        }

        assertEquals(0, count("SELECT COUNT(*) FROM sync_change WHERE owner_sub = ?", user.sub()));
        assertEquals(0, count("SELECT COUNT(*) FROM sync_log WHERE owner_sub = ?", user.sub()));
    }

    @Test
    void answersBadRequestForACursorThisApiDidNotIssue() {
        var response = new Device(function, TestUser.fresh().token()).get("bm90LWEtY3Vyc29y", 20);

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals("since", function.read(response.getBody(), Problem.class).getErrors().get(0).getField());
    }

    @Test
    void neverShowsAnotherUsersChanges() {
        TestUser owner = TestUser.fresh();
        todos.create(owner.sub(), new TodoCreate("private"));
        preferences.put(owner.sub(), "\"0\"", Map.of("theme", "dark"));
        Device mine = new Device(function, TestUser.fresh().token());

        SyncChanges snapshot = mine.fetch(null, 20);

        assertEquals(List.of(), snapshot.getTodos());
        assertNull(snapshot.getPreferences());
        Device theirs = new Device(function, owner.token());
        theirs.sync(20);
        assertEquals(410, mine.get(theirs.cursor, 20).getStatusCode());
    }

    @Test
    void answersUnauthorizedWithoutAToken() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/sync/changes").build());

        assertEquals(401, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void aMonthOfTenThousandChangesComesInPagesOfAnIndexRangeNotATableScan() throws SQLException {
        TestUser user = TestUser.fresh();
        Device device = new Device(function, user.token());
        device.sync(100);
        for (int i = 0; i < 100; i++) {
            todos.create(TestUser.fresh().sub(), new TodoCreate("someone else's"));
        }
        List<String> created = insertTodosWithTheirChanges(user.sub(), 10_000);

        List<Map<String, Object>> plan = explain("""
            SELECT owner_sub, entity_type, entity_id, seq, deleted, version, changed_at FROM sync_change
            WHERE owner_sub = ? AND seq > ? AND (deleted = FALSE OR seq > ?) ORDER BY seq LIMIT 101""", user.sub(), 5_000L, 5_000L);
        assertEquals(1, plan.size(), plan.toString());
        assertEquals("sync_change_by_seq", plan.get(0).get("key"), plan.toString());
        assertEquals("range", plan.get(0).get("type"), plan.toString());
        assertFalse(String.valueOf(plan.get(0).get("Extra")).contains("filesort"), plan.toString());

        List<SyncChanges> pages = device.sync(100);
        assertEquals(100, pages.size());
        List<String> seen = pages.stream().flatMap(p -> ids(p.getTodos()).stream()).toList();
        assertEquals(created, seen);
        assertEquals(seen.size(), new HashSet<>(seen).size());
    }

    /** Writes to-dos and their change-log rows as the services would, in bulk: 10,000 through the API would take minutes. */
    private static List<String> insertTodosWithTheirChanges(String sub, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            long seq;
            try (PreparedStatement lock = c.prepareStatement("SELECT seq FROM sync_log WHERE owner_sub = ? FOR UPDATE")) {
                lock.setString(1, sub);
                var rs = lock.executeQuery();
                rs.next();
                seq = rs.getLong(1);
            }
            try (PreparedStatement todo = c.prepareStatement("INSERT INTO todo (id, owner_sub, title, done, created_at, updated_at, version) "
                     + "VALUES (?, ?, ?, FALSE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)");
                 PreparedStatement change = c.prepareStatement("INSERT INTO sync_change (owner_sub, entity_type, entity_id, seq, deleted, "
                     + "version, changed_at) VALUES (?, 'todo', ?, ?, FALSE, 1, UTC_TIMESTAMP(3))")) {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    todo.setString(1, id);
                    todo.setString(2, sub);
                    todo.setString(3, "change " + i);
                    todo.addBatch();
                    change.setString(1, sub);
                    change.setString(2, id);
                    change.setLong(3, ++seq);
                    change.addBatch();
                }
                todo.executeBatch();
                change.executeBatch();
            }
            try (PreparedStatement log = c.prepareStatement("UPDATE sync_log SET seq = ? WHERE owner_sub = ?")) {
                log.setLong(1, seq);
                log.setString(2, sub);
                log.executeUpdate();
            }
            c.commit();
        }
        return ids;
    }

    private static List<Map<String, Object>> explain(String sql, Object... parameters) throws SQLException {
        try (Connection c = connection(); PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            var rs = explain.executeQuery();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                    row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Moves the user's tombstones {@code days} into the past, as if they had been written then. */
    static void ageTombstones(String sub, int days) throws SQLException {
        try (Connection c = connection();
             PreparedStatement age = c.prepareStatement("UPDATE sync_change SET changed_at = changed_at - INTERVAL " + days
                 + " DAY WHERE owner_sub = ? AND deleted = TRUE")) {
            age.setString(1, sub);
            assertTrue(age.executeUpdate() > 0, "tombstones to age");
        }
    }

    private static long count(String sql, String sub) throws SQLException {
        try (Connection c = connection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, sub);
            var rs = query.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connection() throws SQLException {
        LocalDatabase db = TestDatabase.shared();
        return DriverManager.getConnection(db.url(), db.username(), db.password());
    }

    private static List<String> ids(List<Todo> page) {
        return page.stream().map(Todo::getId).toList();
    }
}
