package app.mobilebackend.functions.devices.register;

import app.mobilebackend.api.DevicesRegisterApi;
import app.mobilebackend.api.model.Device;
import app.mobilebackend.api.model.DeviceRegistration;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.push.DeviceService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.net.URI;

/** Serves registerDevice: 201 with {@code Location} for a new device, 200 with the device a token already is. */
@Controller
public class RegisterDeviceController implements DevicesRegisterApi {

    private final DeviceService devices;
    private final CurrentUser user;

    RegisterDeviceController(DeviceService devices, CurrentUser user) {
        this.devices = devices;
        this.user = user;
    }

    @Override
    public HttpResponse<Device> registerDevice(DeviceRegistration deviceRegistration) {
        DeviceService.Registration registration = devices.register(user.sub(), deviceRegistration);
        Device device = registration.device();
        return registration.created()
            ? HttpResponse.created(device, URI.create("/devices/" + device.getId()))
            : HttpResponse.ok(device);
    }
}
