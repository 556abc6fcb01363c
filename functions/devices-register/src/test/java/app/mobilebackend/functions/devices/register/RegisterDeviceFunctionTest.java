package app.mobilebackend.functions.devices.register;

import app.mobilebackend.api.model.Device;
import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.push.DeviceService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegisterDeviceFunctionTest {

    private static SnsStandIn sns;
    private static LocalFunction function;
    private static DeviceService devices;

    @BeforeAll
    static void startHandler() {
        sns = SnsStandIn.start();
        function = LocalFunction.start(sns.properties());
        devices = function.context().getBean(DeviceService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
        sns.close();
    }

    @Test
    void registersNewDeviceWithLocationAndCreatesItsEndpoint() {
        TestUser user = TestUser.fresh();
        String token = fcmToken();

        var response = register(user, "FCM", token);

        assertEquals(201, response.getStatusCode());
        Device device = function.read(response.getBody(), Device.class);
        assertEquals("/devices/" + device.getId(), header(response, "Location"));
        assertEquals(DevicePlatform.FCM, device.getPlatform());
        assertFalse(response.getBody().contains(token), "the token is never echoed");
        List<SnsStandIn.Endpoint> endpoints = sns.endpointsWithToken(token);
        assertEquals(1, endpoints.size());
        assertEquals(SnsStandIn.FCM_APPLICATION_ARN, endpoints.get(0).applicationArn());
        assertTrue(endpoints.get(0).enabled());
        assertEquals(null, endpoints.get(0).customUserData(), "nothing personal in SNS");
        assertEquals(List.of(device.getId()), ids(devices.list(user.sub()).getItems()));
    }

    @Test
    void registersApnsDeviceWithApnsApplication() {
        TestUser user = TestUser.fresh();
        String token = apnsToken();

        var response = register(user, "APNS", token);

        assertEquals(201, response.getStatusCode());
        assertEquals(SnsStandIn.APNS_APPLICATION_ARN, sns.endpointsWithToken(token).get(0).applicationArn());
    }

    @Test
    void answersExistingDeviceWhenTokenIsRegisteredAgain() {
        TestUser user = TestUser.fresh();
        String token = fcmToken();
        Device first = function.read(register(user, "FCM", token).getBody(), Device.class);

        var again = register(user, "FCM", token);

        assertEquals(200, again.getStatusCode());
        assertEquals(first.getId(), function.read(again.getBody(), Device.class).getId());
        assertEquals(1, sns.endpointsWithToken(token).size());
        assertEquals(1, devices.list(user.sub()).getItems().size());
    }

    @Test
    void reEnablesEndpointThatSnsDisabledWhenTokenIsRegisteredAgain() {
        TestUser user = TestUser.fresh();
        String token = fcmToken();
        Device first = function.read(register(user, "FCM", token).getBody(), Device.class);
        String arn = sns.endpointsWithToken(token).get(0).arn();
        sns.disable(arn);

        var again = register(user, "FCM", token);

        assertEquals(200, again.getStatusCode());
        assertEquals(first.getId(), function.read(again.getBody(), Device.class).getId());
        assertTrue(sns.endpoint(arn).orElseThrow().enabled());
    }

    @Test
    void recreatesEndpointThatWasDeletedInSns() {
        TestUser user = TestUser.fresh();
        String token = fcmToken();
        Device first = function.read(register(user, "FCM", token).getBody(), Device.class);
        sns.remove(sns.endpointsWithToken(token).get(0).arn());

        var again = register(user, "FCM", token);

        assertEquals(200, again.getStatusCode());
        assertEquals(first.getId(), function.read(again.getBody(), Device.class).getId());
        assertEquals(1, sns.endpointsWithToken(token).size());
        assertTrue(sns.endpointsWithToken(token).get(0).enabled());
    }

    @Test
    void concurrentRegistrationsOfOneTokenCreateOneDevice() throws Exception {
        TestUser user = TestUser.fresh();
        String token = fcmToken();
        int callers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<APIGatewayProxyResponseEvent>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<APIGatewayProxyResponseEvent> call = () -> {
                    start.await();
                    return register(user, "FCM", token);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<APIGatewayProxyResponseEvent> result : results) {
                APIGatewayProxyResponseEvent response = result.get();
                statuses.add(response.getStatusCode());
                ids.add(function.read(response.getBody(), Device.class).getId());
            }

            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(callers - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, ids.stream().distinct().count());
            assertEquals(List.of(ids.get(0)), ids(devices.list(user.sub()).getItems()));
            assertEquals(1, sns.endpointsWithToken(token).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void movesTokenRegisteredByAnotherUserToTheNewOwner() {
        TestUser previousOwner = TestUser.fresh();
        TestUser newOwner = TestUser.fresh();
        String token = fcmToken();
        Device old = function.read(register(previousOwner, "FCM", token).getBody(), Device.class);

        var response = register(newOwner, "FCM", token);

        assertEquals(201, response.getStatusCode());
        Device moved = function.read(response.getBody(), Device.class);
        assertFalse(old.getId().equals(moved.getId()), "the new owner gets a new device, not the old owner's id");
        assertTrue(devices.list(previousOwner.sub()).getItems().isEmpty());
        assertEquals(List.of(moved.getId()), ids(devices.list(newOwner.sub()).getItems()));
        assertEquals(1, sns.endpointsWithToken(token).size());
    }

    @Test
    void refusesHundredAndFirstDeviceWithConflict() {
        TestUser user = TestUser.fresh();
        for (int i = 0; i < DeviceService.MAX_DEVICES; i++) {
            devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, fcmToken()));
        }
        String token = fcmToken();

        var response = register(user, "FCM", token);

        assertEquals(409, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(409, ((Number) function.readMap(response.getBody()).get("status")).intValue());
        assertTrue(sns.endpointsWithToken(token).isEmpty());
        assertEquals(DeviceService.MAX_DEVICES, devices.list(user.sub()).getItems().size());
    }

    @Test
    void stillAnswersExistingDeviceAtTheCap() {
        TestUser user = TestUser.fresh();
        String token = fcmToken();
        Device first = function.read(register(user, "FCM", token).getBody(), Device.class);
        for (int i = 1; i < DeviceService.MAX_DEVICES; i++) {
            devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, fcmToken()));
        }

        var again = register(user, "FCM", token);

        assertEquals(200, again.getStatusCode());
        assertEquals(first.getId(), function.read(again.getBody(), Device.class).getId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"platform\":\"WINDOWS\",\"token\":\"abc\"}",
        "{\"platform\":\"FCM\",\"token\":\"\"}",
        "{\"platform\":\"FCM\"}",
        "{\"token\":\"abc\"}",
        "{\"platform\":\"FCM\",\"token\":\"LONG\"}",
        "not json"})
    void rejectsInvalidRegistrationWithBadRequestAndStoresNothing(String body) {
        TestUser user = TestUser.fresh();
        int endpointsBefore = sns.endpoints().size();

        var response = function.handle(ApiGatewayEvents.request("POST", "/devices").bearer(user.token())
            .json(body.replace("LONG", "t".repeat(4097))).build());

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertFalse(response.getBody().contains("Exception"), response.getBody());
        assertTrue(devices.list(user.sub()).getItems().isEmpty());
        assertEquals(endpointsBefore, sns.endpoints().size());
    }

    @Test
    void namesEachInvalidField() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/devices").bearer(TestUser.fresh().token())
            .json("{\"platform\":\"FCM\",\"token\":\"" + "t".repeat(4097) + "\"}").build());

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of("token"), fields(response.getBody()));
    }

    @Test
    void acceptsTokenOfFourThousandNinetySixCharacters() {
        TestUser user = TestUser.fresh();
        String token = "t".repeat(4096 - 36) + UUID.randomUUID();

        var response = register(user, "FCM", token);

        assertEquals(201, response.getStatusCode());
        assertEquals(200, register(user, "FCM", token).getStatusCode());
    }

    @Test
    void answersUnprocessableForTokenTheApnsServiceRefuses() {
        TestUser user = TestUser.fresh();

        var response = register(user, "APNS", "not-a-hex-device-token");

        assertEquals(422, response.getStatusCode(), response.getBody());
        assertEquals(List.of("token"), fields(response.getBody()));
        assertTrue(devices.list(user.sub()).getItems().isEmpty());
    }

    @Test
    void answersServiceUnavailableAndStoresNothingWhenSnsFails() {
        TestUser user = TestUser.fresh();
        String token = fcmToken();
        sns.failNext("CreatePlatformEndpoint", 500, "InternalError", 10);
        APIGatewayProxyResponseEvent response;
        try {
            response = register(user, "FCM", token);
        } finally {
            sns.clearFailures();
        }

        assertEquals(503, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertTrue(header(response, "Retry-After") != null);
        assertTrue(devices.list(user.sub()).getItems().isEmpty());
        assertTrue(sns.endpointsWithToken(token).isEmpty());
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
    }

    @Test
    void rejectsRequestWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("POST", "/devices").json("{\"platform\":\"FCM\",\"token\":\"abc\"}").build());

        assertEquals(401, response.getStatusCode());
    }

    private static APIGatewayProxyResponseEvent register(TestUser user, String platform, String token) {
        return function.handle(ApiGatewayEvents.request("POST", "/devices").bearer(user.token())
            .json("{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\"}").build());
    }

    static String fcmToken() {
        return "fcm-" + UUID.randomUUID() + ":APA91b-test-registration-token";
    }

    static String apnsToken() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static List<String> ids(List<Device> items) {
        return items.stream().map(Device::getId).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(String body) {
        var errors = (List<Map<String, Object>>) function.readMap(body).get("errors");
        return errors.stream().map(e -> (String) e.get("field")).sorted().toList();
    }
}
