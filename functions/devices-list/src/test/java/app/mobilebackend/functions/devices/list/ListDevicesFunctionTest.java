package app.mobilebackend.functions.devices.list;

import app.mobilebackend.api.model.Device;
import app.mobilebackend.api.model.DeviceList;
import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.push.DeviceService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ListDevicesFunctionTest {

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
    void listsCallersDevicesOldestFirstWithoutTokens() {
        TestUser user = TestUser.fresh();
        List<String> tokens = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (DevicePlatform platform : List.of(DevicePlatform.FCM, DevicePlatform.APNS, DevicePlatform.FCM)) {
            String token = platform == DevicePlatform.FCM ? "fcm-" + UUID.randomUUID() : UUID.randomUUID().toString().replace("-", "");
            tokens.add(token);
            created.add(devices.register(user.sub(), new DeviceRegistration(platform, token)).device().getId());
        }
        devices.register(TestUser.fresh().sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID()));

        var response = function.handle(ApiGatewayEvents.request("GET", "/devices").bearer(user.token()).build());

        assertEquals(200, response.getStatusCode());
        DeviceList list = function.read(response.getBody(), DeviceList.class);
        assertEquals(created, list.getItems().stream().map(Device::getId).toList());
        assertEquals(List.of(DevicePlatform.FCM, DevicePlatform.APNS, DevicePlatform.FCM),
            list.getItems().stream().map(Device::getPlatform).toList());
        tokens.forEach(token -> assertFalse(response.getBody().contains(token), "tokens are never echoed"));
        assertFalse(response.getBody().contains("arn:aws:sns"), "endpoints stay inside");
    }

    @Test
    void answersEmptyListForNewUser() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/devices").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("items", List.of()), function.readMap(response.getBody()));
    }

    @Test
    void rejectsRequestWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/devices").build());

        assertEquals(401, response.getStatusCode());
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
    }
}
