package app.mobilebackend.functions.outbox.relay;

import app.mobilebackend.orders.EventBridgePublisher;
import app.mobilebackend.outbox.OutboxEvent;
import app.mobilebackend.outbox.OutboxPublisher;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.util.List;
import java.util.Set;

/**
 * The real EventBridge publisher, after which the relay's container dies: PutEvents went through, and then the
 * function stops before its transaction marks the events published (an {@link Error}, which nothing catches, as a
 * killed container or a timeout would end it). Active only with {@code test.crash-after-publishing=true}.
 */
@Singleton
@Replaces(EventBridgePublisher.class)
@Requires(property = "test.crash-after-publishing", value = "true")
final class CrashAfterPublishing implements OutboxPublisher {

    /** The container's end, as far as the relay can tell. */
    static final class Crash extends Error {
        Crash() {
            super("the relay's container died right after PutEvents returned");
        }
    }

    private final EventBridgePublisher real;

    CrashAfterPublishing(EventBridgeClient client, @Value("${events.bus-name}") String busName) {
        this.real = new EventBridgePublisher(client, busName);
    }

    @Override
    public String destination() {
        return real.destination();
    }

    @Override
    public Set<String> publish(List<OutboxEvent> events) {
        real.publish(events);
        throw new Crash();
    }
}
