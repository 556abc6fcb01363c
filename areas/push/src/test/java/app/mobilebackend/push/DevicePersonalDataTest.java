package app.mobilebackend.push;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.Device;
import app.mobilebackend.api.model.DevicePlatform;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.core.personaldata.PersonalData;
import app.mobilebackend.localstack.aws.SnsStandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devices' share of the GDPR export and erasure, through the PersonalData bean me-export and me-delete use. */
class DevicePersonalDataTest {

    private static SnsStandIn sns;
    private static LocalFunction function;
    private static DeviceService devices;
    private static PersonalData personalData;

    @BeforeAll
    static void start() {
        sns = SnsStandIn.start();
        function = LocalFunction.start(sns.properties());
        devices = function.context().getBean(DeviceService.class);
        personalData = function.context().getBeansOfType(PersonalData.class).stream()
            .filter(bean -> bean.getClass().getSimpleName().startsWith("Device")).findFirst().orElseThrow();
    }

    @AfterAll
    static void close() {
        function.close();
        sns.close();
    }

    @Test
    void exportsCallersDevicesOldestFirst() {
        TestUser user = TestUser.fresh();
        Device first = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID())).device();
        Device second = devices.register(user.sub(), new DeviceRegistration(DevicePlatform.APNS, hexToken())).device();
        devices.register(TestUser.fresh().sub(), new DeviceRegistration(DevicePlatform.FCM, "fcm-" + UUID.randomUUID()));
        DataExport export = emptyExport();

        personalData.export(user.sub(), export);

        assertEquals(List.of(first.getId(), second.getId()), export.getDevices().stream().map(Device::getId).toList());
    }

    @Test
    void erasesDevicesAndTheirEndpointsOnlyOfTheUserAndIdempotently() {
        TestUser user = TestUser.fresh();
        TestUser other = TestUser.fresh();
        String token = "fcm-" + UUID.randomUUID();
        String otherToken = "fcm-" + UUID.randomUUID();
        devices.register(user.sub(), new DeviceRegistration(DevicePlatform.FCM, token));
        String apnsToken = hexToken();
        devices.register(user.sub(), new DeviceRegistration(DevicePlatform.APNS, apnsToken));
        devices.register(other.sub(), new DeviceRegistration(DevicePlatform.FCM, otherToken));

        personalData.erase(user.sub());
        personalData.erase(user.sub());

        assertTrue(devices.list(user.sub()).getItems().isEmpty());
        assertTrue(sns.endpointsWithToken(token).isEmpty());
        assertTrue(sns.endpointsWithToken(apnsToken).isEmpty());
        assertEquals(1, devices.list(other.sub()).getItems().size());
        assertEquals(1, sns.endpointsWithToken(otherToken).size());
    }

    private static DataExport emptyExport() {
        return new DataExport("someone", OffsetDateTime.now(), List.of(), null, List.of(), List.of(), List.of());
    }

    private static String hexToken() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void exportsEmptyListForUserWithoutDevices() {
        DataExport export = emptyExport();

        personalData.export(TestUser.fresh().sub(), export);

        assertEquals(List.of(), export.getDevices());
    }
}
