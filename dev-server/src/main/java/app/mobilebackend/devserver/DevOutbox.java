package app.mobilebackend.devserver;

import app.mobilebackend.localstack.aws.EventBridgeStandIn;
import app.mobilebackend.outbox.OutboxRelay;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The outbox's way out, locally: an EventBridge stand-in on loopback that logs every event it receives, and the outbox
 * relay run every two seconds, as the schedule runs the outbox-relay function in AWS. Place an order and its
 * {@code OrderPlaced} event shows in the dev server's log a moment later.
 */
final class DevOutbox implements AutoCloseable {

    static final String BUS = "mobile-backend-dev";
    private static final Logger LOG = LoggerFactory.getLogger(DevOutbox.class);
    private static final Duration EVERY = Duration.ofSeconds(2);

    private final EventBridgeStandIn eventBridge;
    private final ScheduledExecutorService timer;

    private DevOutbox(EventBridgeStandIn eventBridge) {
        this.eventBridge = eventBridge;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    static DevOutbox start() {
        EventBridgeStandIn eventBridge = EventBridgeStandIn.start()
            .onEvent(event -> LOG.info("EventBridge {} <- {} from {}: {}", event.eventBusName(), event.detailType(),
                event.source(), event.detail()));
        return new DevOutbox(eventBridge);
    }

    /** Points the functions' EventBridge client at the stand-in. */
    Map<String, Object> properties() {
        return Map.of("events.bus-name", BUS, "aws.eventbridge.endpoint", eventBridge.endpoint());
    }

    /** Runs the relay of {@code context} on the timer. */
    void relayEvery2Seconds(ApplicationContext context) {
        OutboxRelay relay = context.getBean(OutboxRelay.class);
        timer.scheduleWithFixedDelay(() -> {
            try {
                relay.run(EVERY);
            } catch (RuntimeException e) {
                LOG.warn("Outbox relay run failed; trying again in {} s", EVERY.toSeconds(), e);
            }
        }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        eventBridge.close();
    }
}
