package app.mobilebackend.probe.android;

import app.mobilebackend.sdk.android.AccessTokenProvider;
import app.mobilebackend.sdk.android.ApiException;
import app.mobilebackend.sdk.android.ApiResponse;
import app.mobilebackend.sdk.android.Conditional;
import app.mobilebackend.sdk.android.MobileBackendClient;
import app.mobilebackend.sdk.android.Problems;
import app.mobilebackend.sdk.android.api.DevicesApi;
import app.mobilebackend.sdk.android.api.HealthApi;
import app.mobilebackend.sdk.android.api.OrdersApi;
import app.mobilebackend.sdk.android.api.PreferencesApi;
import app.mobilebackend.sdk.android.api.TodosApi;
import app.mobilebackend.sdk.android.model.Device;
import app.mobilebackend.sdk.android.model.DevicePlatform;
import app.mobilebackend.sdk.android.model.DeviceRegistration;
import app.mobilebackend.sdk.android.model.FieldError;
import app.mobilebackend.sdk.android.model.Health;
import app.mobilebackend.sdk.android.model.HealthStatus;
import app.mobilebackend.sdk.android.model.Money;
import app.mobilebackend.sdk.android.model.Order;
import app.mobilebackend.sdk.android.model.OrderCreate;
import app.mobilebackend.sdk.android.model.OrderLineCreate;
import app.mobilebackend.sdk.android.model.OrderStatus;
import app.mobilebackend.sdk.android.model.Preferences;
import app.mobilebackend.sdk.android.model.PreferencesUpdate;
import app.mobilebackend.sdk.android.model.Problem;
import app.mobilebackend.sdk.android.model.Todo;
import app.mobilebackend.sdk.android.model.TodoCreate;
import app.mobilebackend.sdk.android.model.TodoUpdate;
import app.mobilebackend.sdk.android.sync.InMemorySyncStore;
import app.mobilebackend.sdk.android.sync.Sync;
import app.mobilebackend.sdk.android.sync.SyncResult;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A tiny "app" on the Android SDK: it calls the API as an app would, through the SDK's own layer (MobileBackendClient,
 * an AccessTokenProvider that refreshes, Conditional, Problems), and prints one line per step. The build shrinks it
 * with R8 (full mode, no rules but the jars' own) and runs the result; any step that reads something else than it
 * should ends the probe with exit code 1, anything thrown with 2.
 *
 * <p>Usage: {@code AndroidSdkProbe <baseUrl> <accessToken>}, or PROBE_BASE_URL and PROBE_TOKEN in the environment.
 */
public final class AndroidSdkProbe {

    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-12-01T18:00:00Z");

    private final Tokens tokens;
    private final HealthApi health;
    private final TodosApi todos;
    private final PreferencesApi preferences;
    private final DevicesApi devices;
    private final OrdersApi orders;
    private final Sync offline;

    private AndroidSdkProbe(String baseUrl, Tokens tokens) {
        MobileBackendClient client = new MobileBackendClient(baseUrl, tokens);
        this.offline = new Sync(client, new InMemorySyncStore());
        this.tokens = tokens;
        this.health = new HealthApi(client);
        this.todos = new TodosApi(client);
        this.preferences = new PreferencesApi(client);
        this.devices = new DevicesApi(client);
        this.orders = new OrdersApi(client);
    }

    public static void main(String[] args) {
        String baseUrl = args.length > 0 ? args[0] : System.getenv("PROBE_BASE_URL");
        String token = args.length > 1 ? args[1] : System.getenv("PROBE_TOKEN");
        if (baseUrl == null || token == null) {
            System.err.println("usage: AndroidSdkProbe <baseUrl> <accessToken> (or PROBE_BASE_URL and PROBE_TOKEN)");
            System.exit(2);
        }
        try {
            new AndroidSdkProbe(baseUrl, new Tokens(token)).run();
            System.out.println("probe passed");
        } catch (Mismatch mismatch) {
            System.out.println("FAIL " + mismatch.getMessage());
            System.exit(1);
        } catch (Exception | LinkageError failure) {
            // What R8 breaks shows up here: a model Gson cannot build, a field it cannot find, a class it removed.
            System.out.println("ERROR " + failure);
            failure.printStackTrace(System.out);
            System.exit(2);
        }
    }

    private void run() throws ApiException {
        Health up = health.getHealth();
        check("health", HealthStatus.UP, up.getStatus());
        check("health", Collections.singletonMap("database", HealthStatus.UP), up.getChecks());
        passed("health: UP, database UP");

        ApiResponse<Todo> created = todos.createTodoWithHttpInfo(
            new TodoCreate().title("Buy milk").notes("Oat, 2 litres").dueAt(DUE));
        Todo todo = created.getData();
        String id = todo.getId();
        check("create", 201, created.getStatusCode());
        check("create", "Buy milk", todo.getTitle());
        check("create", 1L, todo.getVersion());
        check("create", DUE.toInstant(), todo.getDueAt().toInstant());
        check("create", Collections.singletonList("\"1\""), created.getHeaders().get("ETag"));
        passed("create: 201, version 1, ETag \"1\"");
        check("token refresh", 1, tokens.refreshes());
        passed("token refresh: the first token refused (401), refreshed once, the call sent again");

        ApiException invalid = expectFailure("invalid create", () -> todos.createTodo(new TodoCreate().title("")));
        check("invalid create", 400, invalid.getCode());
        FieldError error = problemOf(invalid).getErrors().get(0);
        check("invalid create", "title", error.getField());
        passed("invalid create: 400 problem+json, " + error.getField() + " " + error.getMessage());

        List<Todo> listed = todos.listTodos(20, null, false).getItems();
        check("list", Collections.singletonList(todo), listed);
        passed("list: the one to-do");

        Optional<ApiResponse<Todo>> fresh = Conditional.ifModified(() -> todos.getTodoWithHttpInfo(id, "\"1\""));
        check("get If-None-Match", false, fresh.isPresent());
        passed("get If-None-Match \"1\": 304, not modified");

        Todo updated = todos.updateTodo(id, new TodoUpdate().title("Buy oat milk").done(true), "\"1\"");
        check("update If-Match", 2L, updated.getVersion());
        check("update If-Match", true, updated.getDone());
        check("update If-Match", "Buy oat milk", updated.getTitle());
        passed("update If-Match \"1\": version 2");

        ApiException stale = expectFailure("stale update",
            () -> todos.updateTodo(id, new TodoUpdate().title("Buy cow milk").done(false), "\"1\""));
        check("stale update", 412, stale.getCode());
        Problem problem = problemOf(stale);
        check("stale update", new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The to-do has changed since version 1; the current version is 2.").currentTodo(updated), problem);
        passed("stale update If-Match \"1\": 412 problem+json \"" + problem.getDetail() + "\"");

        check("delete", 204, todos.deleteTodoWithHttpInfo(id).getStatusCode());
        ApiException gone = expectFailure("delete", () -> todos.getTodo(id, null));
        check("delete", 404, gone.getCode());
        check("delete", 404, problemOf(gone).getStatus());
        passed("delete: 204, then 404");

        Preferences before = preferences.getPreferences();
        Map<String, Object> values = new HashMap<>();
        values.put("theme", "dark");
        values.put("notifications", true);
        Preferences saved = preferences.putPreferences(new PreferencesUpdate().values(values),
            "\"" + before.getVersion() + "\"");
        check("preferences", before.getVersion() + 1, saved.getVersion());
        check("preferences", values, saved.getValues());
        check("preferences", saved, preferences.getPreferences());
        passed("preferences: saved and read back at version " + saved.getVersion());

        Device device = devices.registerDevice(new DeviceRegistration().platform(DevicePlatform.FCM)
            .token("android-probe-" + UUID.randomUUID() + ":APA91b-registration-token"));
        check("device", DevicePlatform.FCM, device.getPlatform());
        check("device", Collections.singletonList(device), devices.listDevices().getItems());
        devices.deleteDevice(device.getId());
        passed("device: registered as FCM, listed, deleted");

        Order order = orders.createOrder(UUID.randomUUID().toString(), new OrderCreate()
            .addLinesItem(new OrderLineCreate().sku("TEA-GREEN-100").quantity(2))
            .addLinesItem(new OrderLineCreate().sku("MUG-STONE-300").quantity(1)));
        check("order", OrderStatus.PLACED, order.getStatus());
        check("order", new Money().amountMinor(2150L).currency("EUR"), order.getTotal());
        check("order", 2, order.getLines().size());
        check("order", order, orders.getOrder(order.getId()));
        passed("order: PLACED, " + order.getTotal().getAmountMinor() + " " + order.getTotal().getCurrency());

        Todo made = offline.createTodo("Made offline", null, false, null);
        check("sync", 1, offline.sync().getPushed());
        check("sync", 1L, offline.todo(made.getId()).map(Todo::getVersion).orElse(null));
        offline.deleteTodo(made.getId());
        SyncResult deleted = offline.sync();
        check("sync", 1, deleted.getPushed());
        check("sync", Collections.emptyList(), deleted.getConflicts());
        check("sync", false, offline.todo(made.getId()).isPresent());
        passed("sync: made offline, sent, then deleted over If-Match");
    }

    private static Problem problemOf(ApiException failure) {
        Optional<Problem> problem = Problems.of(failure);
        if (!problem.isPresent()) {
            throw new Mismatch("expected an application/problem+json answer, got " + failure.getCode() + " "
                + failure.getResponseHeaders() + " " + failure.getResponseBody());
        }
        return problem.get();
    }

    private static ApiException expectFailure(String step, Call call) {
        try {
            call.run();
        } catch (ApiException expected) {
            return expected;
        }
        throw new Mismatch(step + ": expected an ApiException, the call succeeded");
    }

    private static void check(String step, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new Mismatch(step + ": expected " + expected + ", got " + actual);
        }
    }

    private static void passed(String step) {
        System.out.println("ok " + step);
    }

    /**
     * The app's token store: it starts with a token the API refuses, as after a long sleep, and its refresh hands over
     * the one the probe was given (an app would ask Cognito with its refresh token).
     */
    private static final class Tokens implements AccessTokenProvider {

        private final String given;
        private String current = "expired-access-token";
        private int refreshes;

        Tokens(String given) {
            this.given = given;
        }

        @Override
        public synchronized String accessToken() {
            return current;
        }

        @Override
        public synchronized String refreshAccessToken(String refused) {
            refreshes++;
            current = given;
            return current;
        }

        synchronized int refreshes() {
            return refreshes;
        }
    }

    /** An SDK call that is expected to fail. */
    private interface Call {
        void run() throws ApiException;
    }

    /** What the probe read differs from what the API documents. */
    private static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message);
        }
    }
}
