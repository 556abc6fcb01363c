package app.mobilebackend.outbox;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drains the outbox: hands pending events, oldest first, to the {@link OutboxPublisher} of their destination in
 * batches, and marks published exactly the events the publisher confirmed. Each batch is one short transaction that
 * locks its rows ({@code FOR UPDATE SKIP LOCKED}), publishes them and marks them: if the relay dies after publishing
 * and before the commit, the rows are still pending and the next run publishes them again, with the same ids.
 * Delivery is therefore at least once, and no event is ever skipped: an event that failed stays pending, with its
 * attempts and last error recorded, and is offered again on the next run.
 *
 * <p>Order: events are offered in creation order, so one user's events go out in the order they happened unless one
 * of them fails and a later one does not (then the failed one follows on a later run). Consumers must not rely on
 * order; EventBridge does not keep it either.
 *
 * <p>Events of a destination no publisher serves in this function stay pending, untouched.
 */
@Singleton
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final OutboxRepository repository;
    private final List<OutboxPublisher> publishers;
    private final TransactionOperations<Connection> transactions;
    private final OutboxRelayConfiguration configuration;
    private final Clock clock;

    OutboxRelay(OutboxRepository repository, List<OutboxPublisher> publishers,
                TransactionOperations<Connection> transactions, OutboxRelayConfiguration configuration, Clock clock) {
        this.repository = repository;
        this.publishers = List.copyOf(publishers);
        this.transactions = transactions;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** What one run did. */
    public record Report(int published, int failed, long pending) {
    }

    /** Publishes until nothing is pending or the configured time budget is spent. */
    public Report run() {
        return run(configuration.timeBudget());
    }

    /** Publishes until nothing is pending (that this run has not already tried) or {@code budget} is spent. */
    public Report run(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        List<Destination> active = new ArrayList<>(publishers.stream().map(Destination::new).toList());
        int published = 0;
        int failed = 0;
        // Round robin over the destinations, a batch each, so a flood of one kind does not starve the others.
        while (!active.isEmpty() && clock.instant().isBefore(deadline)) {
            for (var it = active.iterator(); it.hasNext(); ) {
                Destination destination = it.next();
                Batch batch = transactions.executeWrite(status -> publishNextBatch(destination));
                published += batch.published();
                failed += batch.failed();
                if (batch.offered() == 0 || destination.exhausted(configuration.maxFailuresPerRun(), batch)) {
                    it.remove();
                }
            }
        }
        long pending = repository.countByPublishedAtIsNull();
        if (published > 0 || failed > 0) {
            LOG.info("Outbox relay: {} published, {} failed, {} pending", published, failed, pending);
        }
        return new Report(published, failed, pending);
    }

    /** Claims the oldest pending events this run has not tried yet, publishes them and records the outcome. */
    private Batch publishNextBatch(Destination destination) {
        OutboxPublisher publisher = destination.publisher;
        int size = Math.max(1, publisher.maxBatchSize());
        List<OutboxEvent> events = repository.claimPending(publisher.destination(), size + destination.failed.size())
            .stream()
            .filter(row -> !destination.failed.contains(row.id()))
            .limit(size)
            .map(OutboxRow::toEvent)
            .toList();
        if (events.isEmpty()) {
            return new Batch(0, 0, 0);
        }
        Set<String> delivered;
        String error;
        try {
            delivered = publisher.publish(events);
            error = "not confirmed by the " + publisher.destination() + " publisher";
        } catch (RuntimeException e) {
            LOG.warn("Outbox publisher {} failed a batch of {} events", publisher.destination(), events.size(), e);
            delivered = Set.of();
            error = describe(e);
        }
        Set<String> published = new LinkedHashSet<>();
        Set<String> notPublished = new LinkedHashSet<>();
        for (OutboxEvent event : events) {
            (delivered.contains(event.id()) ? published : notPublished).add(event.id());
        }
        Instant now = clock.instant();
        if (!published.isEmpty()) {
            repository.markPublished(published, now);
        }
        if (!notPublished.isEmpty()) {
            repository.recordFailure(notPublished, error);
            destination.failed.addAll(notPublished);
        }
        return new Batch(events.size(), published.size(), notPublished.size());
    }

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private record Batch(int offered, int published, int failed) {
    }

    /** A publisher and the events it failed in this run (offered again only on the next run). */
    private static final class Destination {
        private final OutboxPublisher publisher;
        private final Set<String> failed = new HashSet<>();

        Destination(OutboxPublisher publisher) {
            this.publisher = publisher;
        }

        /** Nothing of the batch went out (the service is likely down), or too many failures: try again next run. */
        boolean exhausted(int maxFailures, Batch batch) {
            return (batch.failed() > 0 && batch.published() == 0) || failed.size() >= maxFailures;
        }
    }
}
