package app.mobilebackend.outbox;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * Appends events to the outbox. Call it inside the transaction of the change the event reports: the row commits or
 * rolls back with that change, and {@link OutboxRelay} publishes it afterwards.
 */
@Singleton
public final class Outbox {

    /** Published to the EventBridge bus {@code events.bus-name}. */
    public static final String EVENTBRIDGE = "eventbridge";
    /** Sent as a push notification to the devices of the event's user. */
    public static final String PUSH = "push";

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final OutboxRepository repository;
    private final JsonMapper json;

    Outbox(OutboxRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /**
     * Appends an event whose payload may carry its own id (consumers deduplicate by it): {@code payload} gets the
     * new event's id and answers the document to store as JSON.
     */
    public OutboxEvent append(String destination, String type, String userId, Instant at, Function<String, Object> payload) {
        String id = IDS.generate().toString();
        String document;
        try {
            document = json.writeValueAsString(payload.apply(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.save(new OutboxRow(id, destination, type, userId, document, at, null, 0, null));
        return new OutboxEvent(id, destination, type, userId, document, at);
    }
}
