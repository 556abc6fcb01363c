package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.api.MeApi;
import app.mobilebackend.sdk.android.api.PreferencesApi;
import app.mobilebackend.sdk.android.api.TodosApi;
import app.mobilebackend.sdk.android.model.PreferencesUpdate;
import app.mobilebackend.sdk.android.model.Todo;
import app.mobilebackend.sdk.android.model.TodoCreate;
import app.mobilebackend.sdk.android.model.TodoUpdate;
import app.mobilebackend.sdk.android.sync.Conflict;
import app.mobilebackend.sdk.android.sync.InMemorySyncStore;
import app.mobilebackend.sdk.android.sync.PendingEdit;
import app.mobilebackend.sdk.android.sync.Sync;
import app.mobilebackend.sdk.android.sync.SyncResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline sync helper ({@link Sync}) of devices of one user, against the dev server. */
class SyncThroughAndroidSdkTest extends DevServerTestBase {

    @Test
    void twoDevicesOneOfflineConvergeWithTheConflictWhereTheRulesSay() throws Exception {
        String sub = newSub();
        Device a = new Device(sub);
        Device b = new Device(sub);
        Todo milk = a.sync.createTodo("Buy milk", null, false, null);
        Todo plants = a.sync.createTodo("Water the plants", null, false, null);
        Todo bills = a.sync.createTodo("Pay the bills", null, false, null);
        assertEquals(3, a.sync.sync().getPushed());
        SyncResult first = b.sync.sync();
        assertTrue(first.isSnapshot());
        assertEquals(a.sync.todos(), b.sync.todos());

        // b is offline: it edits milk, deletes plants, creates a to-do; a edits milk and bills meanwhile
        b.sync.updateTodo(milk.getId(), "Buy oat milk", null, false, null);
        b.sync.deleteTodo(plants.getId());
        Todo call = b.sync.createTodo("Call mum", "Sunday", false, null);
        assertEquals(List.of("Buy oat milk", "Pay the bills", "Call mum"), titles(b.sync.todos()));
        a.sync.updateTodo(milk.getId(), "Buy cow milk", null, true, null);
        a.sync.updateTodo(bills.getId(), "Pay the bills", "by Friday", false, null);
        a.sync.sync();

        SyncResult reconnect = b.sync.sync();
        assertEquals(2, reconnect.getPushed());
        assertEquals(1, reconnect.getConflicts().size(), reconnect.toString());
        Conflict conflict = reconnect.getConflicts().get(0);
        assertEquals(Conflict.Kind.CHANGED_ON_SERVER, conflict.getKind());
        assertEquals(milk.getId(), conflict.getEdit().getTodoId());
        assertEquals("Buy oat milk", conflict.getEdit().getTitle());
        assertEquals("Buy cow milk", conflict.getCurrentTodo().getTitle());
        assertEquals(2L, conflict.getCurrentTodo().getVersion());
        assertFalse(reconnect.isSnapshot());
        assertEquals(List.of("Buy cow milk", "Pay the bills", "Call mum"), titles(b.sync.todos()));
        assertEquals("by Friday", b.sync.todo(bills.getId()).orElseThrow().getNotes());

        // b resolves: its title, a's done
        b.sync.updateTodo(milk.getId(), "Buy oat milk", null, true, null);
        assertTrue(b.sync.sync().getConflicts().isEmpty());
        a.sync.sync();

        List<Todo> server = byId(new TodosApi(clientFor(sub)).listTodos(100, null, null).getItems());
        assertEquals(server, byId(a.sync.todos()));
        assertEquals(server, byId(b.sync.todos()));
        assertEquals(List.of("Buy oat milk", "Call mum", "Pay the bills"), titles(server).stream().sorted().toList());
        assertEquals(3L, server.stream().filter(t -> t.getId().equals(milk.getId())).findFirst().orElseThrow().getVersion());
        assertEquals(call.getId(), server.stream().filter(t -> t.getTitle().equals("Call mum")).findFirst().orElseThrow().getId());
        assertFalse(a.sync.hasPendingEdits() || b.sync.hasPendingEdits());
    }

    @Test
    void editsWhoseAnswersWereLostAreSentAgainAndChangeNothingMore() throws Exception {
        String sub = newSub();
        Device device = new Device(sub);
        TodosApi server = new TodosApi(clientFor(sub));
        PreferencesApi serverPreferences = new PreferencesApi(clientFor(sub));

        // Each edit reaches the server once on its own (as a try whose answer was lost would), then sync sends it again.
        Todo made = device.sync.createTodo("Made offline", null, false, null);
        PendingEdit create = device.store.pendingEdits().get(0);
        server.createTodo(new TodoCreate().id(create.getTodoId()).title(create.getTitle()).done(false));
        device.sync.putPreferences(Map.of("theme", "dark"));
        serverPreferences.putPreferences(new PreferencesUpdate().values(Map.of("theme", "dark")), etag(0));
        SyncResult replayed = device.sync.sync();
        assertEquals(2, replayed.getPushed());
        assertTrue(replayed.getConflicts().isEmpty(), replayed.toString());

        device.sync.updateTodo(made.getId(), "Made offline, edited", null, true, null);
        server.updateTodo(made.getId(), new TodoUpdate().title("Made offline, edited").done(true), etag(1));
        replayed = device.sync.sync();
        assertEquals(1, replayed.getPushed());
        assertTrue(replayed.getConflicts().isEmpty(), replayed.toString());

        device.sync.deleteTodo(made.getId());
        deleteOverVersion(sub, made.getId(), 2);
        replayed = device.sync.sync();
        assertEquals(1, replayed.getPushed());
        assertTrue(replayed.getConflicts().isEmpty(), replayed.toString());

        assertEquals(List.of(), server.listTodos(100, null, null).getItems());
        assertEquals(List.of(), device.sync.todos());
        assertEquals(1L, serverPreferences.getPreferences().getVersion());
        assertEquals(Map.of("theme", "dark"), device.sync.preferences().getValues());
    }

    @Test
    void aCursorOfAnErasedAccountAnswers410AndTheDeviceResyncsFromASnapshot() throws Exception {
        String sub = newSub();
        Device device = new Device(sub);
        device.sync.createTodo("Before the erasure", null, false, null);
        device.sync.sync();
        String cursor = device.store.cursor().orElseThrow();

        new MeApi(clientFor(sub)).deleteMe();
        Todo after = new TodosApi(clientFor(sub)).createTodo(new TodoCreate().title("After the erasure"));
        ApiException gone = assertThrows(ApiException.class, () -> new app.mobilebackend.sdk.android.api.SyncApi(clientFor(sub)).getSyncChanges(cursor, 10));
        assertEquals(410, gone.getCode());

        SyncResult resync = device.sync.sync();
        assertTrue(resync.isSnapshot());
        assertEquals(List.of(after), device.sync.todos());
        assertTrue(device.sync.sync().getConflicts().isEmpty());
        assertEquals(List.of(after), device.sync.todos());
    }

    @Test
    void preferencesChangedOnTwoDevicesAreMergedFieldByField() throws Exception {
        String sub = newSub();
        Device a = new Device(sub);
        Device b = new Device(sub);
        a.sync.putPreferences(Map.of("theme", "dark", "fontSize", 14, "language", "en"));
        a.sync.sync();
        b.sync.sync();

        b.sync.putPreferences(Map.of("theme", "dark", "fontSize", 16, "language", "en")); // offline: only the size
        a.sync.putPreferences(Map.of("theme", "light", "fontSize", 14, "language", "en")); // only the theme
        a.sync.sync();
        SyncResult merged = b.sync.sync();

        assertTrue(merged.getConflicts().isEmpty(), merged.toString());
        Map<String, Object> expected = Map.of("theme", "light", "fontSize", 16.0, "language", "en"); // as Gson reads it
        assertEquals(expected, new PreferencesApi(clientFor(sub)).getPreferences().getValues());
        assertEquals(3L, b.sync.preferences().getVersion());

        // both change the language: this device's value is saved, and the app hears of the other's
        a.sync.sync();
        a.sync.putPreferences(Map.of("theme", "light", "fontSize", 16, "language", "fr"));
        b.sync.putPreferences(Map.of("theme", "light", "fontSize", 16, "language", "de"));
        a.sync.sync();
        SyncResult clash = b.sync.sync();
        assertEquals(1, clash.getConflicts().size(), clash.toString());
        assertEquals(Conflict.Kind.MERGED, clash.getConflicts().get(0).getKind());
        assertEquals("fr", clash.getConflicts().get(0).getCurrentPreferences().getValues().get("language"));
        assertEquals("de", new PreferencesApi(clientFor(sub)).getPreferences().getValues().get("language"));
    }

    @Test
    void anEditTheServerRefusesIsReportedAndTheOthersAreStillSent() throws Exception {
        Device device = new Device(newSub());
        device.sync.createTodo("x".repeat(201), null, false, null);
        Todo fine = device.sync.createTodo("Fine", null, false, null);

        SyncResult result = device.sync.sync();

        assertEquals(1, result.getPushed());
        Conflict rejected = result.getConflicts().get(0);
        assertEquals(Conflict.Kind.REJECTED, rejected.getKind());
        assertEquals(400, rejected.getProblem().getStatus());
        assertEquals("title", rejected.getProblem().getErrors().get(0).getField());
        assertEquals(List.of(fine.getId()), device.sync.todos().stream().map(Todo::getId).toList());
        assertFalse(device.sync.hasPendingEdits());
    }

    @Test
    void aServerOutOfReachLeavesTheOutboxAsItWas() {
        InMemorySyncStore store = new InMemorySyncStore();
        Sync offline = Sync.builder(MobileBackendClient.anonymous("http://127.0.0.1:9"), store)
            .retries(2, Duration.ZERO).build();
        offline.createTodo("Made in a tunnel", null, false, null);
        List<PendingEdit> before = store.pendingEdits();

        ApiException failure = assertThrows(ApiException.class, offline::sync);

        assertEquals(0, failure.getCode());
        assertEquals(before, store.pendingEdits());
        assertNull(store.cursor().orElse(null));
    }

    /** One device: its own store and client. */
    private static final class Device {
        final InMemorySyncStore store = new InMemorySyncStore();
        final Sync sync;

        Device(String sub) {
            sync = Sync.builder(clientFor(sub), store).pageSize(2).retries(1, Duration.ZERO).build();
        }
    }

    /** DELETE with If-Match, which the generated deleteTodo cannot send. */
    private static void deleteOverVersion(String sub, String id, long version) throws java.io.IOException {
        okhttp3.Request request = new okhttp3.Request.Builder().url(dev.url() + "/todos/" + id).delete()
            .header("Authorization", "Bearer " + dev.token(sub)).header("If-Match", etag(version)).build();
        try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(request).execute()) {
            assertEquals(204, response.code());
        }
    }

    private static List<String> titles(List<Todo> todos) {
        return todos.stream().map(Todo::getTitle).toList();
    }

    private static List<Todo> byId(List<Todo> todos) {
        return todos.stream().sorted(Comparator.comparing(Todo::getId)).toList();
    }
}
