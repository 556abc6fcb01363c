package app.mobilebackend.sdk.android.sync;

import app.mobilebackend.sdk.android.ApiClient;
import app.mobilebackend.sdk.android.ApiException;
import app.mobilebackend.sdk.android.Pair;
import app.mobilebackend.sdk.android.Problems;
import app.mobilebackend.sdk.android.api.PreferencesApi;
import app.mobilebackend.sdk.android.api.SyncApi;
import app.mobilebackend.sdk.android.api.TodosApi;
import app.mobilebackend.sdk.android.model.Preferences;
import app.mobilebackend.sdk.android.model.PreferencesUpdate;
import app.mobilebackend.sdk.android.model.Problem;
import app.mobilebackend.sdk.android.model.SyncChanges;
import app.mobilebackend.sdk.android.model.Todo;
import app.mobilebackend.sdk.android.model.TodoCreate;
import app.mobilebackend.sdk.android.model.TodoTombstone;
import app.mobilebackend.sdk.android.model.TodoUpdate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a device's copy of the caller's to-dos and preferences in step with the server, offline first: the app edits
 * through this class at any time (the edits wait in the {@link SyncStore}'s outbox), reads the copy with the edits
 * applied ({@link #todos()}, {@link #preferences()}), and calls {@link #sync()} when it is online. A sync sends the
 * outbox in order, each edit with the version it was made over, then reads the change feed from the stored cursor.
 * The server's rules (README, "Sync and offline") decide conflicts; those the app should know of come back as
 * {@link Conflict}s. Edit methods may be called while a sync runs on another thread; syncs run one at a time.
 */
public final class Sync {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(200);

    private final ApiClient client;
    private final TodosApi todosApi;
    private final PreferencesApi preferencesApi;
    private final SyncApi syncApi;
    private final SyncStore store;
    private final int pageSize;
    private final int attempts;
    private final Duration firstBackoff;
    /** Guards the outbox: an edit of the app's and the settling of a sent edit never interleave. */
    private final Object outbox = new Object();
    private final ReentrantLock syncing = new ReentrantLock();

    /** Syncs {@code store} through {@code client} (a {@code MobileBackendClient}) with the default settings. */
    public Sync(ApiClient client, SyncStore store) {
        this(builder(client, store));
    }

    private Sync(Builder builder) {
        this.client = builder.client;
        this.todosApi = new TodosApi(builder.client);
        this.preferencesApi = new PreferencesApi(builder.client);
        this.syncApi = new SyncApi(builder.client);
        this.store = builder.store;
        this.pageSize = builder.pageSize;
        this.attempts = builder.attempts;
        this.firstBackoff = builder.firstBackoff;
    }

    public static Builder builder(ApiClient client, SyncStore store) {
        return new Builder(client, store);
    }

    /** Settings of a {@link Sync}. */
    public static final class Builder {
        private final ApiClient client;
        private final SyncStore store;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int attempts = DEFAULT_ATTEMPTS;
        private Duration firstBackoff = DEFAULT_FIRST_BACKOFF;

        private Builder(ApiClient client, SyncStore store) {
            this.client = Objects.requireNonNull(client, "client");
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Changes asked of the feed at a time (1 to 100, the API's limit). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 100) {
                throw new IllegalArgumentException("pageSize must be 1 to 100: " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * How often a call is tried when the network or the server fails on the way (no answer, 408, 429, 500,
         * 502-504), waiting {@code firstBackoff}, then twice as long each time.
         */
        public Builder retries(int attempts, Duration firstBackoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
            }
            this.attempts = attempts;
            this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
            return this;
        }

        public Sync build() {
            return new Sync(this);
        }
    }

    // ---- The app's edits: they only touch the store, and work offline.

    /** A new to-do, with an id made here (so that a create sent twice makes one to-do); returns it as the app sees it. */
    public Todo createTodo(String title, String notes, boolean done, OffsetDateTime dueAt) {
        PendingEdit edit = PendingEdit.createTodo(UUID.randomUUID().toString(), title, notes, done, dueAt);
        synchronized (outbox) {
            store.addPendingEdit(edit);
        }
        return view(edit, null);
    }

    /** Replaces a to-do's fields, over the version this device has of it. */
    public void updateTodo(String id, String title, String notes, boolean done, OffsetDateTime dueAt) {
        synchronized (outbox) {
            store.inTransaction(() -> {
                PendingEdit pending = pendingFor(id);
                if (pending == null) {
                    Todo current = store.todo(id).orElseThrow(() -> new NoSuchElementException("No to-do " + id + " here."));
                    store.addPendingEdit(PendingEdit.updateTodo(id, current.getVersion(), title, notes, done, dueAt));
                } else if (pending.getKind() == PendingEdit.Kind.DELETE_TODO) {
                    throw new IllegalStateException("The to-do " + id + " is deleted here.");
                } else {
                    // one pending edit per to-do: a create or an update not yet sent takes the new fields
                    store.replacePendingEdit(pending, pending.withTodo(title, notes, done, dueAt));
                }
            });
        }
    }

    /** Deletes a to-do, if the version this device has of it is still the current one when the delete arrives. */
    public void deleteTodo(String id) {
        synchronized (outbox) {
            store.inTransaction(() -> {
                PendingEdit pending = pendingFor(id);
                if (pending == null) {
                    Todo current = store.todo(id).orElseThrow(() -> new NoSuchElementException("No to-do " + id + " here."));
                    store.addPendingEdit(PendingEdit.deleteTodo(id, current.getVersion()));
                } else if (pending.getKind() == PendingEdit.Kind.CREATE_TODO) {
                    store.removePendingEdit(pending); // the server never saw it
                } else if (pending.getKind() == PendingEdit.Kind.UPDATE_TODO) {
                    store.replacePendingEdit(pending, pending.asDelete());
                }
            });
        }
    }

    /** Replaces the preferences document; on a conflict the fields this device changed are merged over the server's. */
    public void putPreferences(Map<String, Object> values) {
        Objects.requireNonNull(values, "values");
        synchronized (outbox) {
            store.inTransaction(() -> {
                PendingEdit pending = pendingPreferences();
                if (pending != null) {
                    store.replacePendingEdit(pending, pending.withValues(values));
                } else {
                    Preferences base = store.preferences().orElse(null);
                    store.addPendingEdit(PendingEdit.putPreferences(base == null ? 0 : base.getVersion(),
                        base == null ? Collections.emptyMap() : base.getValues(), values));
                }
            });
        }
    }

    // ---- What the app shows: the server's copy with the pending edits applied.

    /** The to-dos as this device has them: the server's copy with the edits not yet sent applied, oldest first. */
    public List<Todo> todos() {
        List<Todo> copy;
        List<PendingEdit> pending;
        synchronized (outbox) {
            copy = store.todos();
            pending = store.pendingEdits();
        }
        Map<String, Todo> view = new LinkedHashMap<>();
        for (Todo todo : copy) {
            view.put(todo.getId(), todo);
        }
        for (PendingEdit edit : pending) {
            switch (edit.getKind()) {
                case CREATE_TODO:
                    view.put(edit.getTodoId(), view(edit, null));
                    break;
                case UPDATE_TODO:
                    view.computeIfPresent(edit.getTodoId(), (id, base) -> view(edit, base));
                    break;
                case DELETE_TODO:
                    view.remove(edit.getTodoId());
                    break;
                default:
                    break;
            }
        }
        return new ArrayList<>(view.values());
    }

    public Optional<Todo> todo(String id) {
        return todos().stream().filter(todo -> todo.getId().equals(id)).findFirst();
    }

    /** The preferences as this device has them (version 0 and no values before any were read or saved). */
    public Preferences preferences() {
        synchronized (outbox) {
            PendingEdit pending = pendingPreferences();
            Preferences copy = store.preferences().orElse(null);
            if (pending != null) {
                return new Preferences().values(new LinkedHashMap<>(pending.getValues())).version(pending.getBaseVersion())
                    .updatedAt(pending.getMadeAt());
            }
            return copy != null ? copy : new Preferences().values(new LinkedHashMap<>()).version(0L);
        }
    }

    /** Whether edits are waiting to be sent. */
    public boolean hasPendingEdits() {
        synchronized (outbox) {
            return !store.pendingEdits().isEmpty();
        }
    }

    // ---- Sync

    /**
     * Sends the pending edits in order, then pulls what changed. Throws when the server cannot be reached (after the
     * retries) or refuses the caller (401, 403): what was sent by then is settled in the store, the rest waits in the
     * outbox for the next sync, and nothing is lost or sent twice in effect.
     */
    public SyncResult sync() throws ApiException {
        syncing.lock();
        try {
            List<Conflict> conflicts = new ArrayList<>();
            int pushed = 0;
            for (PendingEdit edit = nextEdit(null); edit != null; edit = nextEdit(edit)) {
                if (send(edit, conflicts)) {
                    pushed++;
                }
            }
            Pull pull = pull();
            return new SyncResult(pushed, pull.todos, pull.deletes, pull.snapshot, conflicts);
        } finally {
            syncing.unlock();
        }
    }

    /** The edit after {@code sent} in the outbox (the first when null); each sent edit has left it or been rebased. */
    private PendingEdit nextEdit(PendingEdit sent) {
        synchronized (outbox) {
            List<PendingEdit> pending = store.pendingEdits();
            if (sent == null) {
                return pending.isEmpty() ? null : pending.get(0);
            }
            for (int i = 0; i < pending.size(); i++) {
                if (pending.get(i).getEditId().equals(sent.getEditId())) {
                    // still there: rebased over an edit the app made while it was on its way; sent next time
                    return i + 1 < pending.size() ? pending.get(i + 1) : null;
                }
            }
            return pending.isEmpty() ? null : pending.get(0);
        }
    }

    private boolean send(PendingEdit edit, List<Conflict> conflicts) throws ApiException {
        switch (edit.getKind()) {
            case CREATE_TODO:
                return sendCreate(edit, conflicts, true);
            case UPDATE_TODO:
                return sendUpdate(edit, conflicts);
            case DELETE_TODO:
                return sendDelete(edit, conflicts);
            default:
                return sendPreferences(edit, conflicts);
        }
    }

    private boolean sendCreate(PendingEdit edit, List<Conflict> conflicts, boolean mayRenew) throws ApiException {
        TodoCreate body = new TodoCreate().id(edit.getTodoId()).title(edit.getTitle()).notes(edit.getNotes())
            .done(edit.isDone()).dueAt(edit.getDueAt());
        try {
            // 201, or 200 when an earlier try whose answer was lost created it: the to-do as it is now either way
            Todo created = withRetries(() -> todosApi.createTodo(body));
            settled(edit, created, null);
            return true;
        } catch (ApiException e) {
            if (e.getCode() == 410) { // created by an earlier try, then deleted on another device: the delete wins
                failed(edit, conflicts, Conflict.Kind.DELETED_ON_SERVER, null, null, problemOf(e));
                return false;
            }
            if (e.getCode() == 409 && mayRenew) { // someone else's to-do has this id: the same create under another
                PendingEdit renewed;
                synchronized (outbox) {
                    PendingEdit now = inOutbox(edit);
                    if (now == null) {
                        return false; // the app deleted it meanwhile
                    }
                    renewed = now.withTodoId(UUID.randomUUID().toString());
                    store.replacePendingEdit(now, renewed);
                }
                return sendCreate(renewed, conflicts, false);
            }
            return rejectedOrThrow(edit, e, conflicts);
        }
    }

    private boolean sendUpdate(PendingEdit edit, List<Conflict> conflicts) throws ApiException {
        TodoUpdate body = new TodoUpdate().title(edit.getTitle()).notes(edit.getNotes()).done(edit.isDone()).dueAt(edit.getDueAt());
        try {
            Todo updated = withRetries(() -> todosApi.updateTodo(edit.getTodoId(), body, etag(edit.getBaseVersion())));
            settled(edit, updated, null);
            return true;
        } catch (ApiException e) {
            if (e.getCode() == 412) {
                Todo current = problemOf(e) == null ? null : problemOf(e).getCurrentTodo();
                // the server has what this edit wanted: an earlier try of it whose answer was lost (a replayed PUT
                // answers 412 with the to-do as that try left it), or the same change made elsewhere
                if (current != null && sameFields(current, edit)) {
                    settled(edit, current, null);
                    return true;
                }
                failed(edit, conflicts, Conflict.Kind.CHANGED_ON_SERVER, current, null, null);
                return false;
            }
            if (e.getCode() == 404 || e.getCode() == 410) {
                failed(edit, conflicts, Conflict.Kind.DELETED_ON_SERVER, null, null, problemOf(e));
                return false;
            }
            return rejectedOrThrow(edit, e, conflicts);
        }
    }

    private boolean sendDelete(PendingEdit edit, List<Conflict> conflicts) throws ApiException {
        try {
            // If-Match is the standard conditional header, not a parameter of deleteTodo in the spec (README)
            withRetries(() -> client.execute(deleteCall(edit.getTodoId(), etag(edit.getBaseVersion()))));
            settled(edit, null, null);
            return true;
        } catch (ApiException e) {
            if (e.getCode() == 404) { // gone already: what the delete wanted
                settled(edit, null, null);
                return true;
            }
            if (e.getCode() == 412) {
                Problem problem = problemOf(e);
                failed(edit, conflicts, Conflict.Kind.CHANGED_ON_SERVER, problem == null ? null : problem.getCurrentTodo(), null, null);
                return false;
            }
            return rejectedOrThrow(edit, e, conflicts);
        }
    }

    private boolean sendPreferences(PendingEdit edit, List<Conflict> conflicts) throws ApiException {
        Map<String, Object> values = edit.getValues();
        long over = edit.getBaseVersion();
        Preferences overwritten = null;
        for (int round = 0; ; round++) {
            try {
                Map<String, Object> sent = values;
                long ifMatch = over;
                Preferences saved = withRetries(() -> preferencesApi.putPreferences(new PreferencesUpdate().values(sent), etag(ifMatch)));
                settled(edit, null, saved);
                if (overwritten != null) {
                    conflicts.add(new Conflict(Conflict.Kind.MERGED, edit, null, overwritten, null));
                }
                return true;
            } catch (ApiException e) {
                if (e.getCode() == 412 && round == 2) {
                    throw e; // other devices keep saving first: the edit stays queued for the next sync, never dropped
                }
                if (e.getCode() != 412) {
                    return rejectedOrThrow(edit, e, conflicts);
                }
                Problem problem = problemOf(e);
                Preferences current = problem != null && problem.getCurrentPreferences() != null
                    ? problem.getCurrentPreferences() : withRetries(preferencesApi::getPreferences);
                Merge merge = merge(edit.getBaseValues(), edit.getValues(), current.getValues());
                if (sameValue(merge.values, current.getValues())) {
                    settled(edit, null, current); // the server has it already (an earlier try, or the same edit elsewhere)
                    return true;
                }
                values = merge.values;
                over = current.getVersion();
                if (merge.clash) {
                    overwritten = current;
                }
            }
        }
    }

    /** The sent edit took effect: the store takes the server's state, and the edit leaves the outbox. */
    private void settled(PendingEdit sent, Todo todo, Preferences preferences) {
        synchronized (outbox) {
            store.inTransaction(() -> {
                if (todo != null) {
                    store.putTodo(todo);
                } else if (preferences != null) {
                    store.putPreferences(preferences);
                } else if (sent.getKind() == PendingEdit.Kind.DELETE_TODO) {
                    store.removeTodo(sent.getTodoId());
                }
                PendingEdit now = inOutbox(sent);
                if (now != null && (now.equals(sent) || sent.getKind() == PendingEdit.Kind.DELETE_TODO)) {
                    store.removePendingEdit(now);
                } else if (now != null) {
                    // the app edited it again while it was on its way: that edit now goes over the version just made
                    store.replacePendingEdit(now, now.rebasedOn(todo == null ? preferences.getVersion() : todo.getVersion(),
                        preferences == null ? null : preferences.getValues()));
                } else if (sent.getKind() == PendingEdit.Kind.CREATE_TODO) {
                    // the app deleted the to-do while its create was on its way: delete what was created
                    store.addPendingEdit(PendingEdit.deleteTodo(sent.getTodoId(), todo.getVersion()));
                }
            });
        }
    }

    /** The sent edit did not take effect: it leaves the outbox (with any later change of it), the store takes the server's state. */
    private void failed(PendingEdit sent, List<Conflict> conflicts, Conflict.Kind kind, Todo current, Preferences preferences, Problem problem) {
        PendingEdit[] latest = {sent};
        synchronized (outbox) {
            store.inTransaction(() -> {
                PendingEdit now = inOutbox(sent);
                if (now != null) {
                    store.removePendingEdit(now);
                    latest[0] = now;
                }
                if (current != null) {
                    store.putTodo(current);
                } else if (kind == Conflict.Kind.DELETED_ON_SERVER && sent.getTodoId() != null) {
                    store.removeTodo(sent.getTodoId());
                }
            });
        }
        conflicts.add(new Conflict(kind, latest[0], current, preferences, problem));
    }

    /** A 4xx that no retry can change becomes a {@link Conflict.Kind#REJECTED}; anything else is the caller's to see. */
    private boolean rejectedOrThrow(PendingEdit edit, ApiException e, List<Conflict> conflicts) throws ApiException {
        int code = e.getCode();
        boolean refusedForGood = code >= 400 && code < 500 && code != 401 && code != 403 && !isTransient(code);
        if (!refusedForGood) {
            throw e;
        }
        failed(edit, conflicts, Conflict.Kind.REJECTED, null, null, problemOf(e));
        return false;
    }

    private Pull pull() throws ApiException {
        Optional<String> cursor;
        synchronized (outbox) {
            cursor = store.cursor();
        }
        if (!cursor.isPresent()) {
            return pullSnapshot();
        }
        try {
            return pullSince(cursor.get());
        } catch (ApiException e) {
            if (e.getCode() != 410) {
                throw e;
            }
            // changes after the cursor are no longer kept (30 days), or the account was erased since: start over
            synchronized (outbox) {
                store.clearCursor();
            }
            return pullSnapshot();
        }
    }

    private Pull pullSince(String since) throws ApiException {
        Pull pull = new Pull(false);
        String cursor = since;
        boolean more;
        do {
            String from = cursor;
            SyncChanges page = withRetries(() -> syncApi.getSyncChanges(from, pageSize));
            synchronized (outbox) {
                store.inTransaction(() -> {
                    apply(page, pull);
                    store.saveCursor(page.getNextCursor()); // an interrupted pull goes on from here
                });
            }
            cursor = page.getNextCursor();
            more = Boolean.TRUE.equals(page.getHasMore());
        } while (more);
        return pull;
    }

    /**
     * Every to-do and the preferences, a page at a time; to-dos of the copy the snapshot does not list were deleted
     * while this device did not look. The cursor is kept only at the end: an interrupted snapshot starts over.
     */
    private Pull pullSnapshot() throws ApiException {
        Pull pull = new Pull(true);
        Set<String> listed = new HashSet<>();
        String cursor = null;
        boolean more;
        do {
            String from = cursor;
            SyncChanges page = withRetries(() -> syncApi.getSyncChanges(from, pageSize));
            synchronized (outbox) {
                store.inTransaction(() -> apply(page, pull));
            }
            page.getTodos().forEach(todo -> listed.add(todo.getId()));
            cursor = page.getNextCursor();
            more = Boolean.TRUE.equals(page.getHasMore());
        } while (more);
        String last = cursor;
        synchronized (outbox) {
            store.inTransaction(() -> {
                for (Todo todo : store.todos()) {
                    if (!listed.contains(todo.getId())) {
                        store.removeTodo(todo.getId());
                    }
                }
                store.saveCursor(last);
            });
        }
        return pull;
    }

    /** One page into the copy; an older state never replaces a newer one (an edit's answer may be newer than the page). */
    private void apply(SyncChanges page, Pull pull) {
        for (Todo todo : page.getTodos()) {
            Optional<Todo> mine = store.todo(todo.getId());
            if (!mine.isPresent() || mine.get().getVersion() <= todo.getVersion()) {
                store.putTodo(todo);
            }
            pull.todos++;
        }
        for (TodoTombstone tombstone : page.getDeletedTodos()) {
            Optional<Todo> mine = store.todo(tombstone.getId());
            // a tombstone has the version after the to-do's last one: an older tombstone never hides a newer state
            if (!mine.isPresent() || mine.get().getVersion() < tombstone.getVersion()) {
                store.removeTodo(tombstone.getId());
            }
            pull.deletes++;
        }
        Preferences preferences = page.getPreferences();
        if (preferences != null) {
            Optional<Preferences> mine = store.preferences();
            if (!mine.isPresent() || mine.get().getVersion() <= preferences.getVersion()) {
                store.putPreferences(preferences);
            }
        }
    }

    private static final class Pull {
        final boolean snapshot;
        int todos;
        int deletes;

        Pull(boolean snapshot) {
            this.snapshot = snapshot;
        }
    }

    /** The keys this device changed since the base (set, changed or removed), over the server's document. */
    static Merge merge(Map<String, Object> base, Map<String, Object> mine, Map<String, Object> theirs) {
        Map<String, Object> merged = new LinkedHashMap<>(theirs);
        boolean clash = false;
        Set<String> keys = new LinkedHashSet<>(base.keySet());
        keys.addAll(mine.keySet());
        for (String key : keys) {
            if (sameEntry(mine, base, key)) {
                continue; // not changed here: the server's value stays
            }
            if (!sameEntry(theirs, base, key) && !sameEntry(theirs, mine, key)) {
                clash = true; // changed on both sides, to different values: this device's wins
            }
            if (mine.containsKey(key)) {
                merged.put(key, mine.get(key));
            } else {
                merged.remove(key);
            }
        }
        return new Merge(merged, clash);
    }

    static final class Merge {
        private final Map<String, Object> values;
        private final boolean clash;

        Merge(Map<String, Object> values, boolean clash) {
            this.values = values;
            this.clash = clash;
        }

        Map<String, Object> values() {
            return values;
        }

        boolean clash() {
            return clash;
        }
    }

    private static boolean sameEntry(Map<String, Object> a, Map<String, Object> b, String key) {
        return a.containsKey(key) == b.containsKey(key) && sameValue(a.get(key), b.get(key));
    }

    /** JSON equality: numbers by value (14 and 14.0 are one number), maps and lists member by member. */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (a instanceof Map<?, ?> && b instanceof Map<?, ?>) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object key : x.keySet()) {
                if (!sameValue(x.get(key), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> && b instanceof List<?>) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean sameFields(Todo todo, PendingEdit edit) {
        return Objects.equals(todo.getTitle(), edit.getTitle()) && Objects.equals(todo.getNotes(), edit.getNotes())
            && Objects.equals(todo.getDone(), edit.isDone()) && sameInstant(todo.getDueAt(), edit.getDueAt());
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private Todo view(PendingEdit edit, Todo base) {
        Todo todo = new Todo(edit.getTodoId(), base == null ? edit.getMadeAt() : base.getCreatedAt(), edit.getMadeAt(),
            base == null ? 0L : base.getVersion());
        return todo.title(edit.getTitle()).notes(edit.getNotes()).done(edit.isDone()).dueAt(edit.getDueAt());
    }

    private PendingEdit pendingFor(String todoId) {
        for (PendingEdit edit : store.pendingEdits()) {
            if (todoId.equals(edit.getTodoId())) {
                return edit;
            }
        }
        return null;
    }

    private PendingEdit pendingPreferences() {
        for (PendingEdit edit : store.pendingEdits()) {
            if (edit.getKind() == PendingEdit.Kind.PUT_PREFERENCES) {
                return edit;
            }
        }
        return null;
    }

    private PendingEdit inOutbox(PendingEdit edit) {
        for (PendingEdit pending : store.pendingEdits()) {
            if (pending.getEditId().equals(edit.getEditId())) {
                return pending;
            }
        }
        return null;
    }

    private interface Call<T> {
        T run() throws ApiException;
    }

    private <T> T withRetries(Call<T> call) throws ApiException {
        long wait = firstBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ApiException e) {
                if (!isTransient(e.getCode()) || attempt >= attempts) {
                    throw e;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait *= 2;
            }
        }
    }

    /** No answer (code 0: the connection failed or timed out), or an answer that may differ when asked again. */
    private static boolean isTransient(int code) {
        return code == 0 || code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
    }

    /**
     * DELETE /todos/{id} with If-Match, the standard conditional header that is not a parameter of deleteTodo in the
     * spec (README): built as the generated call is, so the client's interceptors (token, refresh, User-Agent) apply.
     */
    private okhttp3.Call deleteCall(String todoId, String ifMatch) throws ApiException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/problem+json");
        headers.put("If-Match", ifMatch);
        return client.buildCall(null, "/todos/" + client.escapeString(todoId), "DELETE", new ArrayList<Pair>(),
            new ArrayList<Pair>(), null, headers, new HashMap<String, String>(), new HashMap<String, Object>(),
            new String[] {"cognito"}, null);
    }

    private static Problem problemOf(ApiException e) {
        return Problems.of(e).orElse(null);
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
