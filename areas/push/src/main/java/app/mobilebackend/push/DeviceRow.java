package app.mobilebackend.push;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A device as stored: one row of {@code device}, owned by the user whose {@code sub} it carries.
 * {@code platform} is the name of an {@link app.mobilebackend.api.model.DevicePlatform}.
 */
@MappedEntity("device")
public record DeviceRow(
    @Id String id,
    String ownerSub,
    String platform,
    String token,
    String tokenHash,
    String endpointArn,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {
}
