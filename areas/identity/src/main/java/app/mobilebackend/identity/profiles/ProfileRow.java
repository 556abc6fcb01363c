package app.mobilebackend.identity.profiles;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A user's profile as stored: one row of {@code profiles}, created when they confirm sign-up. */
@MappedEntity("profiles")
public record ProfileRow(
    @Id String sub,
    @Nullable String email,
    Instant createdAt,
    @Nullable Instant welcomeSentAt) {
}
