package app.mobilebackend.functions.devices.delete;

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

import java.util.List;
import java.util.UUID;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteDeviceFunctionTest {

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
    void deletesCallersDeviceAndItsEndpoint() {
        TestUser user = TestUser.fresh();
        String token = token();
        Device device = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token)).device();

        var response = delete(user, device.getId());

        assertEquals(204, response.getStatusCode());
        assertTrue(devices.list(user.sub()).getItems().isEmpty());
        assertTrue(sns.endpointsWithToken(token).isEmpty());
    }

    @Test
    void deletesWhenClientAcceptsJson() {
        TestUser user = TestUser.fresh();
        Device device = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token())).device();

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/devices/" + device.getId()).bearer(user.token())
            .header("Accept", "application/json").build());

        assertEquals(204, response.getStatusCode());
    }

    @Test
    void deletesDeviceWhoseEndpointIsAlreadyGone() {
        TestUser user = TestUser.fresh();
        String token = token();
        Device device = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token)).device();
        sns.remove(sns.endpointsWithToken(token).get(0).arn());

        assertEquals(204, delete(user, device.getId()).getStatusCode());
        assertTrue(devices.list(user.sub()).getItems().isEmpty());
    }

    @Test
    void answersNotFoundWhenDeletedTwice() {
        TestUser user = TestUser.fresh();
        Device device = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token())).device();
        delete(user, device.getId());

        var again = delete(user, device.getId());

        assertEquals(404, again.getStatusCode());
        assertEquals("application/problem+json", header(again, "Content-Type"));
    }

    @Test
    void returnsNotFoundForAnotherUsersDeviceAndKeepsItAndItsEndpoint() {
        TestUser owner = TestUser.fresh();
        String token = token();
        Device theirs = devices.register(owner.sub(), new DeviceRegistration(DevicePlatform.FCM, token)).device();

        var response = delete(TestUser.fresh(), theirs.getId());

        assertEquals(404, response.getStatusCode());
        assertEquals(List.of(theirs.getId()), devices.list(owner.sub()).getItems().stream().map(Device::getId).toList());
        assertEquals(1, sns.endpointsWithToken(token).size());
    }

    @Test
    void keepsDeviceAndAnswersServiceUnavailableWhenSnsFails() {
        TestUser user = TestUser.fresh();
        String token = token();
        Device device = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token)).device();
        sns.failNext("DeleteEndpoint", 503, "ServiceUnavailable", 10);
        APIGatewayProxyResponseEvent response;
        try {
            response = delete(user, device.getId());
        } finally {
            sns.clearFailures();
        }

        assertEquals(503, response.getStatusCode());
        assertEquals(1, devices.list(user.sub()).getItems().size());
        assertEquals(204, delete(user, device.getId()).getStatusCode());
        assertTrue(sns.endpointsWithToken(token).isEmpty());
    }

    @Test
    void rejectsIdLongerThanSixtyFour() {
        var response = delete(TestUser.fresh(), "x".repeat(65));

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void routesOnlyItsOwnOperation() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(TestUser.fresh().token()).build());

        assertEquals(404, response.getStatusCode());
    }

    private static APIGatewayProxyResponseEvent delete(TestUser user, String id) {
        return function.handle(ApiGatewayEvents.request("DELETE", "/devices/" + id).bearer(user.token()).build());
    }

    private static String token() {
        return "fcm-" + UUID.randomUUID();
    }
}
