package app.mobilebackend.functions.devices.delete;

import app.mobilebackend.api.DevicesDeleteApi;
import app.mobilebackend.core.error.ProblemErrorResponseProcessor;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.push.DeviceService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;

/** Serves deleteDevice: 204 once the caller's device and its push endpoint are gone. */
@Controller
public class DeleteDeviceController implements DevicesDeleteApi {

    private final DeviceService devices;
    private final CurrentUser user;

    DeleteDeviceController(DeviceService devices, CurrentUser user) {
        this.devices = devices;
        this.user = user;
    }

    /** Accepts {@code Accept: application/json} too (the generated interface offers only problem+json for a bodiless 204). */
    @Override
    @Produces({MediaType.APPLICATION_JSON, ProblemErrorResponseProcessor.PROBLEM_JSON_TYPE})
    public HttpResponse<Void> deleteDevice(String deviceId) {
        devices.delete(user.sub(), deviceId);
        return HttpResponse.noContent();
    }
}
