package app.mobilebackend.push;

import java.util.Map;

/**
 * One notification as the outbox carries it: {@code {"title": ..., "body": ..., "data": {...}}}.
 *
 * @param title shown in bold
 * @param body  the text under the title
 * @param data  handed to the app, not shown; values are strings, numbers or booleans
 */
public record PushMessage(String title, String body, Map<String, Object> data) {

    public PushMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
