package app.mobilebackend.push;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The SNS platform applications devices register with: {@code push.fcm-application-arn}
 * ({@code PUSH_FCM_APPLICATION_ARN}, an SNS "GCM" application holding the FCM credentials) and
 * {@code push.apns-application-arn} ({@code PUSH_APNS_APPLICATION_ARN}, an "APNS" or "APNS_SANDBOX" application).
 * A platform without an application is refused at registration.
 */
@ConfigurationProperties("push")
public record PushConfiguration(@Nullable String fcmApplicationArn, @Nullable String apnsApplicationArn) {
}
