package app.mobilebackend.orders;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The payload of a {@code push} outbox event: what the user's devices show, and data for the app to open the order. */
@Serdeable
public record PushMessage(String title, String body, Map<String, String> data) {
}
