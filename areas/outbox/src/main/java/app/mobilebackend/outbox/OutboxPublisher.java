package app.mobilebackend.outbox;

import java.util.List;
import java.util.Set;

/**
 * Sends outbox events of one destination on (EventBridge, push notifications through SNS). The relay hands each
 * publisher batches of its own events, oldest first, and marks published exactly the ids returned; the others stay
 * pending and are offered again on the next run, so delivery is at least once and nothing is skipped.
 */
public interface OutboxPublisher {

    /** The {@link OutboxEvent#destination()} this publisher serves. */
    String destination();

    /** At most this many events per {@link #publish} call (EventBridge PutEvents takes 10). */
    default int maxBatchSize() {
        return 10;
    }

    /**
     * Publishes {@code events} and answers the ids of those that were delivered (or can never be delivered and
     * must not block the outbox, which the publisher logs). Throws only when nothing of the batch was delivered.
     */
    Set<String> publish(List<OutboxEvent> events);
}
