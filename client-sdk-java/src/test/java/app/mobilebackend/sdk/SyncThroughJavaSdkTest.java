package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.MeApi;
import app.mobilebackend.sdk.api.PreferencesApi;
import app.mobilebackend.sdk.api.TodosApi;
import app.mobilebackend.sdk.model.Todo;
import app.mobilebackend.sdk.model.TodoCreate;
import app.mobilebackend.sdk.sync.Conflict;
import app.mobilebackend.sdk.sync.InMemorySyncStore;
import app.mobilebackend.sdk.sync.PendingEdit;
import app.mobilebackend.sdk.sync.Sync;
import app.mobilebackend.sdk.sync.SyncResult;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline sync helper ({@link Sync}) of devices of one user, against the dev server. */
class SyncThroughJavaSdkTest extends DevServerTestBase {

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
    void answersLostOnTheWayBackAreRetriedAndTheServerDoesNothingTwice() throws Exception {
        String sub = newSub();
        String token = dev.token(sub);
        // The first answer to each write is lost after the server acted on it: the helper's retry sends it again.
        LosingAnswers.Client client = LosingAnswers.client(dev.url(), () -> token);
        Sync sync = Sync.builder(client, new InMemorySyncStore()).retries(2, Duration.ZERO).build();
        TodosApi server = new TodosApi(clientFor(sub));

        Todo made = sync.createTodo("Made offline", null, false, null);
        sync.putPreferences(Map.of("theme", "dark"));
        SyncResult created = sync.sync(); // POST again: 200 replayed; PUT again: 412 showing this very document
        assertEquals(2, created.getPushed());
        assertTrue(created.getConflicts().isEmpty(), created.toString());
        assertEquals(1, server.listTodos(100, null, null).getItems().size());
        assertEquals(1L, new PreferencesApi(clientFor(sub)).getPreferences().getVersion());
        assertEquals(Map.of("theme", "dark"), sync.preferences().getValues());

        sync.updateTodo(made.getId(), "Made offline, edited", null, true, null);
        SyncResult updated = sync.sync(); // PUT again over version 1: 412 with the to-do as the first try left it
        assertEquals(1, updated.getPushed());
        assertTrue(updated.getConflicts().isEmpty(), updated.toString());
        Todo edited = server.getTodo(made.getId(), null);
        assertEquals(2L, edited.getVersion());
        assertEquals(List.of(edited), sync.todos());

        sync.deleteTodo(made.getId());
        SyncResult deleted = sync.sync(); // DELETE again: 204 on the tombstone
        assertEquals(1, deleted.getPushed());
        assertTrue(deleted.getConflicts().isEmpty(), deleted.toString());
        assertEquals(List.of(), server.listTodos(100, null, null).getItems());
        assertEquals(List.of(), sync.todos());
        assertFalse(sync.hasPendingEdits());

        String path = "/todos/" + made.getId();
        assertEquals(Set.of("POST /todos", "PUT /me/preferences", "PUT " + path, "DELETE " + path), client.http.lost);
        assertEquals(8, client.http.writes.size(), "each write sent twice: " + client.http.writes);
        // the DELETE is built by the helper (If-Match is no parameter of deleteTodo) yet goes through the client's stack
        HttpRequest delete = client.http.writes.stream().filter(r -> r.method().equals("DELETE")).findFirst().orElseThrow();
        assertEquals(Optional.of(etag(2)), delete.headers().firstValue("If-Match"));
        assertEquals(Optional.of(MobileBackendClient.USER_AGENT), delete.headers().firstValue("User-Agent"));
        assertEquals(Optional.of("Bearer " + token), delete.headers().firstValue("Authorization"));
    }

    @Test
    void aTakenIdIsMadeAnewAndEditsOfAToDoChangedOrDeletedElsewhereGiveWay() throws Exception {
        String sub = newSub();
        Device a = new Device(sub);
        Device b = new Device(sub);
        TodosApi someoneElse = new TodosApi(clientFor(newSub()));
        Todo theirs = someoneElse.createTodo(new TodoCreate().id(UUID.randomUUID().toString()).title("Theirs"));
        // a create whose id another user's to-do has (a collision, a store restored elsewhere): 409, sent under a new id
        a.store.addPendingEdit(new PendingEdit(UUID.randomUUID().toString(), PendingEdit.Kind.CREATE_TODO,
            OffsetDateTime.now(), theirs.getId(), 0, "Mine", null, false, null, null, null));
        Todo doomed = a.sync.createTodo("Doomed", null, false, null);
        Todo kept = a.sync.createTodo("Kept", null, false, null);
        SyncResult renewed = a.sync.sync();
        assertEquals(3, renewed.getPushed());
        assertTrue(renewed.getConflicts().isEmpty(), renewed.toString());
        Todo mine = a.sync.todos().stream().filter(t -> t.getTitle().equals("Mine")).findFirst().orElseThrow();
        assertNotEquals(theirs.getId(), mine.getId());
        assertEquals(List.of(theirs), someoneElse.listTodos(100, null, null).getItems());
        b.sync.sync();

        // a deletes "Doomed" which b edits offline (410: the delete wins); b edits "Kept" which a then deletes over
        // the version before b's edit (412: a sees b's change, and deletes again if it still means to)
        a.sync.deleteTodo(doomed.getId());
        a.sync.sync();
        b.sync.updateTodo(doomed.getId(), "Doomed, edited offline", null, false, null);
        b.sync.updateTodo(kept.getId(), "Kept, edited", null, false, null);
        a.sync.deleteTodo(kept.getId());
        SyncResult gone = b.sync.sync();
        assertEquals(1, gone.getPushed());
        assertEquals(1, gone.getConflicts().size(), gone.toString());
        assertEquals(Conflict.Kind.DELETED_ON_SERVER, gone.getConflicts().get(0).getKind());
        assertEquals(doomed.getId(), gone.getConflicts().get(0).getEdit().getTodoId());
        assertNull(gone.getConflicts().get(0).getCurrentTodo());

        SyncResult changed = a.sync.sync();
        assertEquals(0, changed.getPushed());
        assertEquals(1, changed.getConflicts().size(), changed.toString());
        Conflict conflict = changed.getConflicts().get(0);
        assertEquals(Conflict.Kind.CHANGED_ON_SERVER, conflict.getKind());
        assertEquals(PendingEdit.Kind.DELETE_TODO, conflict.getEdit().getKind());
        assertEquals("Kept, edited", conflict.getCurrentTodo().getTitle());

        List<Todo> server = byId(new TodosApi(clientFor(sub)).listTodos(100, null, null).getItems());
        assertEquals(List.of("Kept, edited", "Mine"), titles(server).stream().sorted().toList());
        assertEquals(server, byId(a.sync.todos()));
        assertEquals(server, byId(b.sync.todos()));
        assertFalse(a.sync.hasPendingEdits() || b.sync.hasPendingEdits());
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
        ApiException gone = assertThrows(ApiException.class, () -> new app.mobilebackend.sdk.api.SyncApi(clientFor(sub)).getSyncChanges(cursor, 10));
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
        Map<String, Object> expected = Map.of("theme", "light", "fontSize", 16, "language", "en");
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

    @Test
    void aRefusedTokenThrowsAndLeavesTheOutboxAsItWas() {
        InMemorySyncStore store = new InMemorySyncStore();
        Sync signedOut = new Sync(new MobileBackendClient(dev.url(), () -> "not-a-token"), store);
        signedOut.createTodo("Made before the session ended", null, false, null);
        List<PendingEdit> before = store.pendingEdits();

        ApiException refused = assertThrows(ApiException.class, signedOut::sync);

        assertEquals(401, refused.getCode()); // never retried, never dropped: the app signs in again and syncs
        assertEquals(before, store.pendingEdits());
    }

    /** One device: its own store and client. */
    private static final class Device {
        final InMemorySyncStore store = new InMemorySyncStore();
        final Sync sync;

        Device(String sub) {
            sync = Sync.builder(clientFor(sub), store).pageSize(2).retries(1, Duration.ZERO).build();
        }
    }

    private static List<String> titles(List<Todo> todos) {
        return todos.stream().map(Todo::getTitle).toList();
    }

    private static List<Todo> byId(List<Todo> todos) {
        return todos.stream().sorted(Comparator.comparing(Todo::getId)).toList();
    }
}
