package app.mobilebackend.push;

import app.mobilebackend.api.model.DevicePlatform;
import io.micronaut.core.annotation.Nullable;

/** Which SNS platform application serves each device platform. */
final class PushPlatforms {

    private PushPlatforms() {
    }

    /** The platform application's ARN, or null when none is configured. */
    @Nullable
    static String applicationArn(PushConfiguration configuration, DevicePlatform platform) {
        String arn = switch (platform) {
            case FCM -> configuration.fcmApplicationArn();
            case APNS -> configuration.apnsApplicationArn();
        };
        return arn == null || arn.isBlank() ? null : arn.strip();
    }
}
