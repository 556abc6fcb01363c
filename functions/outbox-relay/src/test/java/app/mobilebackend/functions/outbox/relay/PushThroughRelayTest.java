package app.mobilebackend.functions.outbox.relay;

import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.localstack.aws.EventBridgeStandIn;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.orders.OrderService;
import app.mobilebackend.push.DeviceService;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestUser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployed relay serves both destinations: an order's push notification reaches its owner's device through SNS. */
class PushThroughRelayTest {

    @Test
    void anOrdersPushReachesTheOwnersDeviceOnly() {
        try (EventBridgeStandIn eventBridge = EventBridgeStandIn.start(); SnsStandIn sns = SnsStandIn.start()) {
            Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
            properties.put("events.bus-name", "mobile-backend-test");
            properties.put("aws.eventbridge.endpoint", eventBridge.endpoint());
            properties.putAll(sns.properties());
            try (OutboxRelayFunction relay = new OutboxRelayFunction(ApplicationContext.builder().properties(properties).build())) {
                var context = relay.getApplicationContext();
                TestUser owner = TestUser.fresh();
                String token = "push-token-" + owner.sub();
                context.getBean(DeviceService.class).register(owner.sub(), new DeviceRegistration(DevicePlatform.FCM, token));
                context.getBean(OrderService.class).place(owner.sub(), UUID.randomUUID().toString(),
                    new OrderCreate(List.of(new OrderLineCreate("TEA-GREEN-100", 1))));

                relay.handleRequest(Map.of("source", "aws.scheduler", "detail-type", "Scheduled Event"), new MockLambdaContext());

                String endpoint = sns.endpointsWithToken(token).get(0).arn();
                List<SnsStandIn.Published> pushes = sns.publishedTo(endpoint);
                assertEquals(1, pushes.size(), sns.published().toString());
                assertTrue(pushes.get(0).message().contains("GCM"), pushes.get(0).message());
                assertEquals(1, sns.published().stream().filter(p -> p.targetArn().equals(endpoint)).count());
            }
        }
    }
}
