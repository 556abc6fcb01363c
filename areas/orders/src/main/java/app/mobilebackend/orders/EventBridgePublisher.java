package app.mobilebackend.orders;

import app.mobilebackend.outbox.EventSources;
import app.mobilebackend.outbox.Outbox;
import app.mobilebackend.outbox.OutboxEvent;
import app.mobilebackend.outbox.OutboxPublisher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes {@code eventbridge} outbox events to the bus {@code events.bus-name} with PutEvents: source the area that
 * reports the event ({@link EventSources}: {@code mobile-backend.orders}, {@code mobile-backend.identity}), detail-type
 * the event's type, detail its payload (which carries the event's id as
 * {@code eventId}, for consumers to deduplicate). PutEvents can accept some entries of a call and refuse others: only
 * the entries it accepted count as published, the others stay in the outbox for the next run.
 */
@Singleton
@Requires(classes = EventBridgeClient.class)
public final class EventBridgePublisher implements OutboxPublisher {

    /** The {@code source} of the orders' events on the bus. */
    public static final String SOURCE = EventSources.ORDERS;
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);
    /** PutEvents takes at most 10 entries per call. */
    private static final int MAX_ENTRIES = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, @Value("${events.bus-name}") String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public String destination() {
        return Outbox.EVENTBRIDGE;
    }

    @Override
    public int maxBatchSize() {
        return MAX_ENTRIES;
    }

    @Override
    public Set<String> publish(List<OutboxEvent> events) {
        Set<String> published = new HashSet<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            List<OutboxEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_ENTRIES));
            PutEventsResponse response;
            try {
                response = client.putEvents(request -> request.entries(chunk.stream().map(this::entry).toList()));
            } catch (RuntimeException e) {
                if (published.isEmpty()) {
                    throw e;
                }
                LOG.warn("EventBridge PutEvents failed after {} events went out; the rest stay in the outbox", published.size(), e);
                return published;
            }
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < chunk.size(); i++) {
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                OutboxEvent event = chunk.get(i);
                if (result != null && result.errorCode() == null && result.eventId() != null) {
                    published.add(event.id());
                } else {
                    LOG.warn("EventBridge refused event {} ({}): {} {}", event.id(), event.type(),
                        result == null ? "no result entry" : result.errorCode(), result == null ? "" : result.errorMessage());
                }
            }
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                LOG.warn("EventBridge PutEvents: {} of {} entries failed; they stay in the outbox",
                    response.failedEntryCount(), chunk.size());
            }
        }
        return published;
    }

    private PutEventsRequestEntry entry(OutboxEvent event) {
        return PutEventsRequestEntry.builder()
            .eventBusName(busName)
            .source(EventSources.of(event.type()))
            .detailType(event.type())
            .detail(event.payload())
            .time(event.createdAt())
            .build();
    }
}
