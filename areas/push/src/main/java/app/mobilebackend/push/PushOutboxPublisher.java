package app.mobilebackend.push;

import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.outbox.OutboxEvent;
import app.mobilebackend.outbox.OutboxPublisher;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends the outbox's {@code push} events: each to every enabled device of the event's user. An event counts as
 * published once every device was sent to or turned out to be gone (then marked disabled, so it is skipped until
 * its app registers the token again); a user without devices has nothing to send. When SNS throttles or fails, the
 * event stays pending and is offered again (devices already sent to may get it twice: delivery is at least once).
 */
@Singleton
@Requires(classes = software.amazon.awssdk.services.sns.SnsClient.class)
final class PushOutboxPublisher implements OutboxPublisher {

    public static final String DESTINATION = "push";
    private static final Logger LOG = LoggerFactory.getLogger(PushOutboxPublisher.class);

    private final DeviceRepository devices;
    private final PushEndpoints endpoints;
    private final PushMessages messages;
    private final Clock clock;

    PushOutboxPublisher(DeviceRepository devices, PushEndpoints endpoints, PushMessages messages, Clock clock) {
        this.devices = devices;
        this.endpoints = endpoints;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String destination() {
        return DESTINATION;
    }

    @Override
    public Set<String> publish(List<OutboxEvent> events) {
        Set<String> published = new LinkedHashSet<>();
        for (OutboxEvent event : events) {
            try {
                send(event);
                published.add(event.id());
            } catch (PushUnavailableException e) {
                LOG.warn("Push event {} stays pending: {}", event.id(), e.getMessage());
            }
        }
        return published;
    }

    private void send(OutboxEvent event) {
        PushMessage message;
        try {
            message = messages.read(event.payload());
        } catch (IOException e) {
            LOG.error("Push event {} ({}) has an unreadable payload and is dropped: {}", event.id(), event.type(), e.getMessage());
            return;
        }
        for (DeviceRow device : devices.findEnabledByOwner(event.userId())) {
            var delivery = endpoints.publish(device.endpointArn(), DevicePlatform.valueOf(device.platform()), message);
            if (delivery == PushEndpoints.Delivery.ENDPOINT_GONE) {
                LOG.info("Device {} no longer receives pushes; disabled until its token is registered again", device.id());
                devices.disableByEndpointArn(device.endpointArn(), Instant.now(clock));
            }
        }
    }
}
