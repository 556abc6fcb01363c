package app.mobilebackend.functions.devices.list;

import app.mobilebackend.api.DevicesListApi;
import app.mobilebackend.api.model.DeviceList;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.push.DeviceService;
import io.micronaut.http.annotation.Controller;

/** Serves listDevices: the caller's devices, oldest first, without their tokens. */
@Controller
public class ListDevicesController implements DevicesListApi {

    private final DeviceService devices;
    private final CurrentUser user;

    ListDevicesController(DeviceService devices, CurrentUser user) {
        this.devices = devices;
        this.user = user;
    }

    @Override
    public DeviceList listDevices() {
        return devices.list(user.sub());
    }
}
