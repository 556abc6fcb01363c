package app.mobilebackend.push;

import app.mobilebackend.api.model.DevicePlatform;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notifications in the shapes SNS forwards (a Publish with {@code MessageStructure=json}): one document per
 * platform key, each a JSON string, plus the {@code default} text SNS requires.
 * FCM ({@code GCM}): {@code {"notification":{"title","body"},"data":{...}}}, data values as strings as FCM demands.
 * APNs ({@code APNS}, {@code APNS_SANDBOX}): {@code {"aps":{"alert":{"title","body"}}, ...data}}.
 */
@Singleton
final class PushMessages {

    private final JsonMapper json;

    PushMessages(JsonMapper json) {
        this.json = json;
    }

    /** Reads an outbox payload {@code {"title": ..., "body": ..., "data": {...}}}. */
    PushMessage read(String payload) throws IOException {
        Map<String, Object> document = json.readValue(payload, Argument.mapOf(String.class, Object.class));
        if (document == null || !(document.get("title") instanceof String title) || !(document.get("body") instanceof String body)) {
            throw new IOException("A push payload needs a string title and body");
        }
        Object data = document.get("data");
        if (data != null && !(data instanceof Map<?, ?>)) {
            throw new IOException("A push payload's data must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) data;
        return new PushMessage(title, body, values);
    }

    String forPlatform(DevicePlatform platform, PushMessage message) {
        Map<String, Object> structure = new LinkedHashMap<>();
        structure.put("default", message.body());
        switch (platform) {
            case FCM -> structure.put("GCM", write(fcm(message)));
            case APNS -> {
                String apns = write(apns(message));
                structure.put("APNS", apns);
                structure.put("APNS_SANDBOX", apns);
            }
        }
        return write(structure);
    }

    private static Map<String, Object> fcm(PushMessage message) {
        Map<String, String> data = new LinkedHashMap<>();
        message.data().forEach((key, value) -> data.put(key, value instanceof String text ? text : String.valueOf(value)));
        return Map.of("notification", Map.of("title", message.title(), "body", message.body()), "data", data);
    }

    private static Map<String, Object> apns(PushMessage message) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("aps", Map.of("alert", Map.of("title", message.title(), "body", message.body())));
        message.data().forEach((key, value) -> {
            if (!"aps".equals(key)) {
                document.put(key, value);
            }
        });
        return document;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
