package app.mobilebackend.functions.sync.changes;

import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes committed while a device pages through the feed: several writers create, edit and delete one user's
 * to-dos through the handler while a reader follows the cursors. The reader sees every change exactly once (each
 * version of a to-do at most once, versions only growing), misses none, and ends where the server is.
 */
class ConcurrentWritersTest {

    private static final int WRITERS = 3;
    private static final int TODOS_PER_WRITER = 40;

    private static LocalFunction function;

    @BeforeAll
    static void startHandler() {
        // the writers and the reader share the handler, as the dev server's threads do: a connection each
        function = LocalFunction.start(Map.of("db.pool-size", WRITERS + 2));
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void aReaderFollowingTheCursorsSeesEveryConcurrentChangeExactlyOnce() throws Exception {
        TestUser user = TestUser.fresh();
        Device reader = new Device(function, user.token());
        reader.sync(5);
        Set<String> createdIds = ConcurrentHashMap.newKeySet();
        Set<String> deletedIds = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(user, writer, createdIds, deletedIds)));
        }

        Map<String, Long> lastSeen = new HashMap<>();
        Set<String> seenVersions = new HashSet<>();
        Set<String> tombstonesSeen = new HashSet<>();
        int pagesWhileWriting = 0;
        while (!writers.stream().allMatch(Future::isDone)) {
            read(reader, lastSeen, seenVersions, tombstonesSeen);
            pagesWhileWriting++;
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        do {
            // drain what committed after the last read
        } while (read(reader, lastSeen, seenVersions, tombstonesSeen));

        assertTrue(pagesWhileWriting > 0);
        assertEquals(WRITERS * TODOS_PER_WRITER, createdIds.size());
        Map<String, Todo> server = function.context().getBean(TodoService.class).list(user.sub(), 100, null, null).getItems().stream()
            .collect(Collectors.toMap(Todo::getId, t -> t));
        assertEquals(server, reader.todos);
        assertEquals(deletedIds, tombstonesSeen);
        Set<String> neverSeen = new HashSet<>(createdIds);
        neverSeen.removeAll(lastSeen.keySet());
        neverSeen.removeAll(tombstonesSeen);
        assertEquals(Set.of(), neverSeen);
    }

    /** One page from the reader's cursor; answers whether it held anything. */
    private static boolean read(Device reader, Map<String, Long> lastSeen, Set<String> seenVersions, Set<String> tombstonesSeen) {
        SyncChanges page = reader.fetch(reader.cursor, 5);
        for (Todo todo : page.getTodos()) {
            assertTrue(seenVersions.add(todo.getId() + "@" + todo.getVersion()), "seen twice: " + todo.getId() + " version " + todo.getVersion());
            Long before = lastSeen.put(todo.getId(), todo.getVersion());
            assertTrue(before == null || before < todo.getVersion(), todo.getId() + " went back from " + before + " to " + todo.getVersion());
        }
        page.getDeletedTodos().forEach(t -> assertTrue(tombstonesSeen.add(t.getId()), "tombstone seen twice: " + t.getId()));
        reader.apply(page);
        reader.cursor = page.getNextCursor();
        return !page.getTodos().isEmpty() || !page.getDeletedTodos().isEmpty();
    }

    /** Creates its to-dos, edits every second one twice and deletes every fifth, each through the handler. */
    private static void write(TestUser user, int writer, Set<String> createdIds, Set<String> deletedIds) {
        Device device = new Device(function, user.token());
        for (int i = 0; i < TODOS_PER_WRITER; i++) {
            APIGatewayProxyResponseEvent created = device.send("POST", "/todos", null, "{\"title\":\"Writer " + writer + ", " + i + "\"}");
            assertEquals(201, created.getStatusCode(), created.getBody());
            String id = function.read(created.getBody(), Todo.class).getId();
            createdIds.add(id);
            if (i % 2 == 0) {
                for (int version = 1; version <= 2; version++) {
                    var edited = device.send("PUT", "/todos/" + id, "\"" + version + "\"", "{\"title\":\"Edited " + version + "\",\"done\":false}");
                    assertEquals(200, edited.getStatusCode(), edited.getBody());
                }
            }
            if (i % 5 == 0) {
                assertEquals(204, device.send("DELETE", "/todos/" + id, null, null).getStatusCode());
                deletedIds.add(id);
            }
        }
    }

}
