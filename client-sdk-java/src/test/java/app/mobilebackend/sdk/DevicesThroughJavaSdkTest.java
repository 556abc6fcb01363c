package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.DevicesApi;
import app.mobilebackend.sdk.model.Device;
import app.mobilebackend.sdk.model.DevicePlatform;
import app.mobilebackend.sdk.model.DeviceRegistration;
import app.mobilebackend.sdk.model.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A device's registration for push notifications, driven through the generated Java SDK against the dev server. */
class DevicesThroughJavaSdkTest extends DevServerTestBase {

    @Test
    void registersRegistersAgainListsAndDeletesADevice() throws Exception {
        DevicesApi devices = new DevicesApi(clientFor(newSub()));
        DeviceRegistration registration = new DeviceRegistration().platform(DevicePlatform.FCM)
            .token("sdk-java-" + UUID.randomUUID() + ":APA91b-registration-token");

        ApiResponse<Device> created = devices.registerDeviceWithHttpInfo(registration);
        assertEquals(201, created.getStatusCode());
        Device device = created.getData();
        assertEquals(DevicePlatform.FCM, device.getPlatform());
        assertEquals(List.of("/devices/" + device.getId()), created.getHeaders().get("Location"));

        ApiResponse<Device> again = devices.registerDeviceWithHttpInfo(registration);
        assertEquals(200, again.getStatusCode());
        assertEquals(device, again.getData());

        Device iphone = devices.registerDevice(new DeviceRegistration().platform(DevicePlatform.APNS)
            .token(UUID.randomUUID().toString().replace("-", "")));
        assertEquals(List.of(device, iphone), devices.listDevices().getItems());

        assertEquals(204, devices.deleteDeviceWithHttpInfo(device.getId()).getStatusCode());
        assertEquals(List.of(iphone), devices.listDevices().getItems());
        ApiException gone = assertThrows(ApiException.class, () -> devices.deleteDevice(device.getId()));
        assertEquals(404, gone.getCode());
        assertEquals(404, problemOf(gone).getStatus());
    }

    @Test
    void hidesOneUsersDevicesFromAnother() throws Exception {
        DevicesApi alice = new DevicesApi(clientFor(newSub()));
        DevicesApi bob = new DevicesApi(clientFor(newSub()));
        Device device = alice.registerDevice(new DeviceRegistration().platform(DevicePlatform.FCM).token("sdk-java-" + UUID.randomUUID()));

        assertEquals(List.of(), bob.listDevices().getItems());
        ApiException notDeleted = assertThrows(ApiException.class, () -> bob.deleteDevice(device.getId()));
        assertEquals(404, notDeleted.getCode());
        assertEquals(List.of(device), alice.listDevices().getItems());
    }

    @Test
    void rejectsAnEmptyTokenWithAProblemNamingIt() throws Exception {
        DevicesApi devices = new DevicesApi(clientFor(newSub()));

        ApiException invalid = assertThrows(ApiException.class,
            () -> devices.registerDevice(new DeviceRegistration().platform(DevicePlatform.FCM).token("")));

        assertEquals(400, invalid.getCode());
        Problem problem = problemOf(invalid);
        assertEquals("token", problem.getErrors().get(0).getField());
    }
}
