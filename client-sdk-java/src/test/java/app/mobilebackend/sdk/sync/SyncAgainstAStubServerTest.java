package app.mobilebackend.sdk.sync;

import app.mobilebackend.sdk.ApiException;
import app.mobilebackend.sdk.MobileBackendClient;
import app.mobilebackend.sdk.model.Todo;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link Sync} does with answers the dev server gives only by chance or never on cue (a 503, a 429, a page that
 * fails halfway through a pull, a stale state in the feed): a stub answers a script, and records what it was asked.
 */
class SyncAgainstAStubServerTest {

    private static final String AT = "2026-11-25T09:30:00Z";

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final InMemorySyncStore store = new InMemorySyncStore();
    private HttpServer stub;

    private record Answer(int status, String json) {
    }

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? new Answer(500, problem(500)) : script.poll();
            }
            byte[] body = answer.json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                answer.status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private Sync sync(int attempts, Duration firstBackoff) {
        String url = "http://127.0.0.1:" + stub.getAddress().getPort();
        return Sync.builder(MobileBackendClient.anonymous(url), store).retries(attempts, firstBackoff).build();
    }

    private void answer(int status, String json) {
        synchronized (script) {
            script.add(new Answer(status, json));
        }
    }

    @Test
    void a503AndA429AreTriedAgainAfterAWaitThatDoubles() throws Exception {
        Sync sync = sync(3, Duration.ofMillis(40));
        Todo made = sync.createTodo("Buy milk", null, false, null);
        answer(503, problem(503));
        answer(429, problem(429));
        answer(201, todo(made.getId(), "Buy milk", 1));
        answer(200, page("[" + todo(made.getId(), "Buy milk", 1) + "]", "[]", "c1", false));

        long start = System.nanoTime();
        SyncResult result = sync.sync();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, result.getPushed());
        assertEquals(List.of("POST /todos", "POST /todos", "POST /todos", "GET /sync/changes?limit=100"), asked);
        assertTrue(waitedMillis >= 40 + 80, "waited " + waitedMillis + " ms");
        assertEquals(1L, store.todo(made.getId()).orElseThrow().getVersion());
        assertFalse(sync.hasPendingEdits());
    }

    @Test
    void aServerStillFailingAfterTheLastTryKeepsTheEditAndWhatWasSentBefore() {
        Sync sync = sync(2, Duration.ZERO);
        Todo sent = sync.createTodo("Sent", null, false, null);
        sync.createTodo("Not yet", null, false, null);
        answer(201, todo(sent.getId(), "Sent", 1));
        answer(502, problem(502));
        answer(504, problem(504));

        ApiException failure = assertThrows(ApiException.class, sync::sync);

        assertEquals(504, failure.getCode());
        assertEquals(3, asked.size(), asked.toString()); // no pull after a push that did not finish
        assertEquals(List.of("Not yet"), store.pendingEdits().stream().map(PendingEdit::getTitle).toList());
        assertEquals(1L, store.todo(sent.getId()).orElseThrow().getVersion());
    }

    @Test
    void anIncrementalPullKeepsNewerStatesAndResumesFromTheLastPageApplied() throws Exception {
        store.saveCursor("c0");
        store.putTodo(serverTodo("t1", "Changed by my own push", 3));
        store.putTodo(serverTodo("t2", "Changed again after a delete?", 2));
        store.putTodo(serverTodo("t3", "Deleted elsewhere", 1));
        Sync sync = sync(1, Duration.ZERO);
        // the page is older than the answer to this device's own edit of t1; t2's tombstone is of an older state
        answer(200, page("[" + todo("t1", "Before my push", 2) + "]",
            "[" + tombstone("t2", 2) + "," + tombstone("t3", 2) + "]", "c1", true));
        answer(503, problem(503));

        assertThrows(ApiException.class, sync::sync);

        assertEquals(List.of("GET /sync/changes?since=c0&limit=100", "GET /sync/changes?since=c1&limit=100"), asked);
        assertEquals("c1", store.cursor().orElseThrow()); // the first page is kept with its cursor
        assertEquals("Changed by my own push", store.todo("t1").orElseThrow().getTitle());
        assertTrue(store.todo("t2").isPresent());
        assertFalse(store.todo("t3").isPresent());

        answer(200, page("[" + todo("t4", "New", 1) + "]", "[]", "c2", false));
        SyncResult resumed = sync.sync();
        assertEquals("GET /sync/changes?since=c1&limit=100", asked.get(2));
        assertFalse(resumed.isSnapshot());
        assertEquals(1, resumed.getPulledTodos());
        assertEquals("c2", store.cursor().orElseThrow());
    }

    @Test
    void anExpiredCursorStartsASnapshotThatForgetsWhatItDoesNotListOnlyOnceComplete() throws Exception {
        store.saveCursor("expired");
        store.putTodo(serverTodo("t1", "Still there", 1));
        store.putTodo(serverTodo("t9", "Deleted more than 30 days ago", 1));
        Sync sync = sync(1, Duration.ZERO);
        answer(410, problem(410));
        answer(200, page("[" + todo("t1", "Still there, renamed", 2) + "]", "[]", "s1", true));
        answer(503, problem(503));

        assertThrows(ApiException.class, sync::sync);

        assertEquals(List.of("GET /sync/changes?since=expired&limit=100", "GET /sync/changes?limit=100",
            "GET /sync/changes?since=s1&limit=100"), asked);
        assertTrue(store.cursor().isEmpty()); // an interrupted snapshot starts over
        assertTrue(store.todo("t9").isPresent()); // not listed yet is not deleted yet
        assertEquals(2L, store.todo("t1").orElseThrow().getVersion());

        answer(200, page("[" + todo("t1", "Still there, renamed", 2) + "]", "[]", "s1", true));
        answer(200, page("[" + todo("t2", "Made elsewhere", 1) + "]", "[]", "s2", false));
        SyncResult snapshot = sync.sync();

        assertTrue(snapshot.isSnapshot());
        assertEquals("GET /sync/changes?limit=100", asked.get(3));
        assertEquals("s2", store.cursor().orElseThrow());
        assertEquals(List.of("t1", "t2"), store.todos().stream().map(Todo::getId).toList());
    }

    private static Todo serverTodo(String id, String title, long version) {
        OffsetDateTime at = OffsetDateTime.parse(AT);
        return new Todo(id, at, at, version).title(title).done(false);
    }

    private static String todo(String id, String title, long version) {
        return """
            {"id":"%s","title":"%s","done":false,"createdAt":"%s","updatedAt":"%s","version":%d}"""
            .formatted(id, title, AT, AT, version);
    }

    private static String tombstone(String id, long version) {
        return """
            {"id":"%s","version":%d,"deletedAt":"%s"}""".formatted(id, version, AT);
    }

    private static String page(String todos, String tombstones, String next, boolean more) {
        return """
            {"todos":%s,"deletedTodos":%s,"nextCursor":"%s","hasMore":%b}""".formatted(todos, tombstones, next, more);
    }

    private static String problem(int status) {
        return """
            {"type":"about:blank","title":"Stub","status":%d}""".formatted(status);
    }
}
