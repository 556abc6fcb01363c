package app.mobilebackend.functions.sync.changes;

import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoTombstone;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A device of the tests: what an offline-first app keeps (its to-dos, its preferences, its cursor) and how it syncs,
 * through the handler with real API Gateway events.
 */
final class Device {

    private final LocalFunction function;
    private final String token;
    final Map<String, Todo> todos = new LinkedHashMap<>();
    Preferences preferences;
    String cursor;

    Device(LocalFunction function, String token) {
        this.function = function;
        this.token = token;
    }

    /** Follows the feed from the device's cursor (a snapshot without one) until no more is waiting; answers the pages. */
    List<SyncChanges> sync(int limit) {
        List<SyncChanges> pages = new ArrayList<>();
        SyncChanges page;
        do {
            page = fetch(cursor, limit);
            apply(page);
            cursor = page.getNextCursor();
            pages.add(page);
        } while (page.getHasMore());
        return pages;
    }

    /** One page after {@code since}, which must answer 200. */
    SyncChanges fetch(String since, int limit) {
        APIGatewayProxyResponseEvent response = get(since, limit);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return function.read(response.getBody(), SyncChanges.class);
    }

    APIGatewayProxyResponseEvent get(String since, int limit) {
        ApiGatewayEvents request = ApiGatewayEvents.request("GET", "/sync/changes").bearer(token).query("limit", String.valueOf(limit));
        if (since != null) {
            request.query("since", since);
        }
        return function.handle(request.build());
    }

    void apply(SyncChanges page) {
        for (Todo todo : page.getTodos()) {
            todos.put(todo.getId(), todo);
        }
        for (TodoTombstone tombstone : page.getDeletedTodos()) {
            todos.remove(tombstone.getId());
        }
        if (page.getPreferences() != null) {
            preferences = page.getPreferences();
        }
    }

    /** Forgets everything, as an app does before it syncs again from a snapshot. */
    void reset() {
        todos.clear();
        preferences = null;
        cursor = null;
    }

    APIGatewayProxyResponseEvent send(String method, String path, String ifMatch, String json) {
        ApiGatewayEvents request = ApiGatewayEvents.request(method, path).bearer(token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (json != null) {
            request.json(json);
        }
        return function.handle(request.build());
    }
}
