package app.mobilebackend.push;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/** A user's devices in the GDPR export (never their tokens), and their erasure with their push endpoints. */
@Singleton
final class DevicePersonalData implements PersonalData {

    private final DeviceService devices;

    DevicePersonalData(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public void export(String userId, DataExport export) {
        export.setDevices(devices.all(userId));
    }

    @Override
    public void erase(String userId) {
        devices.deleteAll(userId);
    }
}
