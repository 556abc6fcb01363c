package app.mobilebackend.push;

import app.mobilebackend.api.model.DevicePlatform;
import io.micronaut.core.annotation.Nullable;

/**
 * The push service's endpoints, one per device token (SNS platform endpoints). Every method throws
 * {@link PushUnavailableException} when the service did not answer or asked to be retried later.
 */
public interface PushEndpoints {

    /**
     * An enabled endpoint for {@code token}: {@code current} itself if it still exists (re-enabled and given the
     * token if the push service had disabled it), else a new one. Creating is idempotent per token.
     *
     * @throws InvalidPushTokenException when the push service refuses the token
     */
    String ensure(DevicePlatform platform, String token, @Nullable String current);

    /** Deletes the endpoint; deleting one that is already gone succeeds. */
    void delete(String endpoint);

    /** Sends {@code message} to the endpoint, formatted for its platform. */
    Delivery publish(String endpoint, DevicePlatform platform, PushMessage message);

    /** What became of one notification. */
    enum Delivery {
        /** The push service accepted it. */
        SENT,
        /** The endpoint is disabled or deleted: the token no longer reaches a device. */
        ENDPOINT_GONE,
        /** The push service refused the message itself; sending it again would not help. */
        REJECTED
    }
}
