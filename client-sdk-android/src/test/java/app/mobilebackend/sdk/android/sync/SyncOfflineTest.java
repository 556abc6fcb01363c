package app.mobilebackend.sdk.android.sync;

import app.mobilebackend.sdk.android.MobileBackendClient;
import app.mobilebackend.sdk.android.model.Preferences;
import app.mobilebackend.sdk.android.model.Todo;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link Sync} does without the network: the outbox it keeps (one edit per to-do) and the view it shows. */
class SyncOfflineTest {

    private final InMemorySyncStore store = new InMemorySyncStore();
    private final Sync sync = new Sync(MobileBackendClient.anonymous("http://127.0.0.1:9"), store);

    @Test
    void editsOfAToDoCreatedOfflineFoldIntoItsCreate() {
        Todo created = sync.createTodo("Buy milk", null, false, null);
        sync.updateTodo(created.getId(), "Buy oat milk", "2 litres", true, null);

        PendingEdit only = single(store.pendingEdits());
        assertEquals(PendingEdit.Kind.CREATE_TODO, only.getKind());
        assertEquals("Buy oat milk", only.getTitle());
        assertEquals(created.getId(), only.getTodoId());
        Todo shown = sync.todo(created.getId()).orElseThrow();
        assertEquals("2 litres", shown.getNotes());
        assertEquals(0L, shown.getVersion());

        sync.deleteTodo(created.getId());
        assertEquals(List.of(), store.pendingEdits()); // the server never hears of it
        assertEquals(List.of(), sync.todos());
    }

    @Test
    void anUpdateKeepsTheVersionItWasMadeOverAndADeleteTakesItsPlace() {
        Todo synced = serverTodo("t1", "Water the plants", 4);
        store.putTodo(synced);
        sync.updateTodo("t1", "Water the ferns", null, false, null);
        sync.updateTodo("t1", "Water the roses", null, true, null);

        PendingEdit update = single(store.pendingEdits());
        assertEquals(PendingEdit.Kind.UPDATE_TODO, update.getKind());
        assertEquals(4L, update.getBaseVersion());
        assertEquals("Water the roses", sync.todo("t1").orElseThrow().getTitle());
        assertEquals(synced.getCreatedAt(), sync.todo("t1").orElseThrow().getCreatedAt());

        sync.deleteTodo("t1");
        PendingEdit delete = single(store.pendingEdits());
        assertEquals(PendingEdit.Kind.DELETE_TODO, delete.getKind());
        assertEquals(4L, delete.getBaseVersion());
        assertEquals(List.of(), sync.todos());
        assertThrows(IllegalStateException.class, () -> sync.updateTodo("t1", "Too late", null, false, null));
    }

    @Test
    void preferencesShowTheEditAndKeepTheBaseTheyWereMadeOver() {
        store.putPreferences(new Preferences().values(Map.of("theme", "dark")).version(2L));
        sync.putPreferences(Map.of("theme", "light"));
        sync.putPreferences(Map.of("theme", "light", "fontSize", 16));

        PendingEdit edit = single(store.pendingEdits());
        assertEquals(2L, edit.getBaseVersion());
        assertEquals(Map.of("theme", "dark"), edit.getBaseValues());
        assertEquals(Map.of("theme", "light", "fontSize", 16), sync.preferences().getValues());
    }

    @Test
    void aMergeTakesTheKeysThisDeviceChangedOverTheServersDocument() {
        Map<String, Object> base = Map.of("theme", "dark", "fontSize", 14, "sound", true);
        Map<String, Object> mine = Map.of("theme", "dark", "fontSize", 16.0); // size changed, sound removed
        Map<String, Object> theirs = Map.of("theme", "light", "fontSize", 14.0, "sound", true, "language", "fr");

        Sync.Merge merge = Sync.merge(base, mine, theirs);

        assertEquals(Map.of("theme", "light", "fontSize", 16.0, "language", "fr"), merge.values());
        assertFalse(merge.clash());
        assertTrue(Sync.merge(base, Map.of("theme", "blue"), Map.of("theme", "light")).clash());
        assertFalse(Sync.merge(base, Map.of("theme", "light"), Map.of("theme", "light")).clash());
        assertTrue(Sync.sameValue(14, 14.0));
        assertFalse(Sync.sameValue(14, "14"));
    }

    private static Todo serverTodo(String id, String title, long version) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-25T09:30:00Z");
        return new Todo(id, at, at, version).title(title).done(false);
    }

    private static PendingEdit single(List<PendingEdit> edits) {
        assertEquals(1, edits.size(), edits.toString());
        return edits.get(0);
    }
}
