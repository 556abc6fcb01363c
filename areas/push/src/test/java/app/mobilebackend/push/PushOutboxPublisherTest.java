package app.mobilebackend.push;

import app.mobilebackend.api.model.Device;
import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.outbox.OutboxEvent;
import app.mobilebackend.outbox.OutboxPublisher;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code push} outbox publisher, found as the relay finds it: the OutboxPublisher bean of destination "push". */
class PushOutboxPublisherTest {

    private static final String PAYLOAD = """
        {"title":"Order shipped","body":"Your order 42 is on its way.","data":{"orderId":"42","status":"SHIPPED","items":3}}""";

    private static SnsStandIn sns;
    private static LocalFunction function;
    private static DeviceService devices;
    private static OutboxPublisher publisher;

    @BeforeAll
    static void start() {
        sns = SnsStandIn.start();
        function = LocalFunction.start(sns.properties());
        devices = function.context().getBean(DeviceService.class);
        publisher = function.context().getBeansOfType(OutboxPublisher.class).stream()
            .filter(p -> "push".equals(p.destination())).findFirst().orElseThrow();
    }

    @AfterAll
    static void close() {
        function.close();
        sns.close();
    }

    @Test
    void sendsPerPlatformJsonToEveryEnabledEndpointOfTheUserOnly() {
        TestUser user = TestUser.fresh();
        String fcm = endpointOf(devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        String apns = endpointOf(devices.register(user.sub(), new DeviceRegistration(DevicePlatform.APNS, hexToken())).device());
        String someoneElses = endpointOf(devices.register(TestUser.fresh().sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        OutboxEvent event = event(user.sub(), PAYLOAD);

        Set<String> published = publisher.publish(List.of(event));

        assertEquals(Set.of(event.id()), published);
        List<SnsStandIn.Published> toFcm = sns.publishedTo(fcm);
        assertEquals(1, toFcm.size());
        assertEquals("json", toFcm.get(0).messageStructure());
        assertEquals(Map.of(
                "notification", Map.of("title", "Order shipped", "body", "Your order 42 is on its way."),
                "data", Map.of("orderId", "42", "status", "SHIPPED", "items", "3")),
            toFcm.get(0).platformMessage("GCM"));
        assertNull(toFcm.get(0).platformMessage("APNS"));

        List<SnsStandIn.Published> toApns = sns.publishedTo(apns);
        assertEquals(1, toApns.size());
        Map<String, Object> apnsMessage = toApns.get(0).platformMessage("APNS");
        assertEquals(Map.of("alert", Map.of("title", "Order shipped", "body", "Your order 42 is on its way.")), apnsMessage.get("aps"));
        assertEquals("42", apnsMessage.get("orderId"));
        assertEquals(3, ((Number) apnsMessage.get("items")).intValue());
        assertEquals(apnsMessage, toApns.get(0).platformMessage("APNS_SANDBOX"));
        assertNull(toApns.get(0).platformMessage("GCM"));

        assertTrue(sns.publishedTo(someoneElses).isEmpty());
    }

    @Test
    void disablesEndpointSnsReportsDisabledAndStillPublishesTheEventToTheOthers() {
        TestUser user = TestUser.fresh();
        Device stale = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device();
        String staleEndpoint = endpointOf(stale);
        String live = endpointOf(devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        sns.disable(staleEndpoint);
        OutboxEvent first = event(user.sub(), PAYLOAD);

        assertEquals(Set.of(first.id()), publisher.publish(List.of(first)));
        assertEquals(1, sns.publishedTo(live).size());
        assertTrue(sns.publishedTo(staleEndpoint).isEmpty());

        int publishCallsBefore = publishCalls();
        OutboxEvent second = event(user.sub(), PAYLOAD);
        assertEquals(Set.of(second.id()), publisher.publish(List.of(second)));
        assertEquals(1, publishCalls() - publishCallsBefore, "the disabled device is skipped from then on");
        assertEquals(2, sns.publishedTo(live).size());
    }

    @Test
    void treatsEndpointDeletedInSnsAsGone() {
        TestUser user = TestUser.fresh();
        String endpoint = endpointOf(devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        sns.remove(endpoint);
        OutboxEvent event = event(user.sub(), PAYLOAD);

        assertEquals(Set.of(event.id()), publisher.publish(List.of(event)));
    }

    @Test
    void reEnabledDeviceReceivesPushesAgain() {
        TestUser user = TestUser.fresh();
        String token = "fcm-" + UUID.randomUUID();
        String endpoint = endpointOf(devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token)).device());
        sns.disable(endpoint);
        publisher.publish(List.of(event(user.sub(), PAYLOAD)));

        devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token));
        publisher.publish(List.of(event(user.sub(), PAYLOAD)));

        assertEquals(1, sns.publishedTo(endpoint).size());
    }

    @Test
    void countsEventOfUserWithoutDevicesAsPublished() {
        OutboxEvent event = event(TestUser.fresh().sub(), PAYLOAD);

        assertEquals(Set.of(event.id()), publisher.publish(List.of(event)));
    }

    @Test
    void keepsEventPendingWhenSnsThrottlesAndPublishesTheRest() {
        TestUser throttled = TestUser.fresh();
        TestUser fine = TestUser.fresh();
        String throttledEndpoint = endpointOf(devices.register(throttled.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        String fineEndpoint = endpointOf(devices.register(fine.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        OutboxEvent pending = event(throttled.sub(), PAYLOAD);
        OutboxEvent delivered = event(fine.sub(), PAYLOAD);
        sns.failNext("Publish", 400, "Throttling", 10);
        Set<String> published;
        try {
            published = publisher.publish(List.of(pending));
        } finally {
            sns.clearFailures();
        }
        published = new java.util.HashSet<>(published);
        published.addAll(publisher.publish(List.of(delivered)));

        assertEquals(Set.of(delivered.id()), published);
        assertTrue(sns.publishedTo(throttledEndpoint).isEmpty());
        assertEquals(1, sns.publishedTo(fineEndpoint).size());
        assertEquals(Set.of(pending.id()), publisher.publish(List.of(pending)), "offered again, it goes out");
    }

    @Test
    void keepsEventPendingWhenSnsFailsWithServerError() {
        TestUser user = TestUser.fresh();
        devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID()));
        sns.failNext("Publish", 500, "InternalError", 10);
        try {
            assertTrue(publisher.publish(List.of(event(user.sub(), PAYLOAD))).isEmpty());
        } finally {
            sns.clearFailures();
        }
    }

    @Test
    void dropsEventWhosePayloadCanNeverBeSent() {
        TestUser user = TestUser.fresh();
        String endpoint = endpointOf(devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device());
        OutboxEvent broken = event(user.sub(), "{\"body\":\"no title\"}");

        assertEquals(Set.of(broken.id()), publisher.publish(List.of(broken)));
        assertTrue(sns.publishedTo(endpoint).isEmpty());
    }

    @Test
    void servesThePushDestination() {
        assertEquals("push", publisher.destination());
        assertFalse(publisher.maxBatchSize() < 1);
    }

    private static int publishCalls() {
        return (int) sns.actions().stream().filter("Publish"::equals).count();
    }

    private static String endpointOf(Device device) {
        return function.context().getBean(app.mobilebackend.push.DeviceRepository.class)
            .findById(device.getId()).orElseThrow().endpointArn();
    }

    private static OutboxEvent event(String userId, String payload) {
        return new OutboxEvent(UUID.randomUUID().toString(), "push", "OrderStatusChanged", userId, payload, Instant.now());
    }

    private static String hexToken() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
