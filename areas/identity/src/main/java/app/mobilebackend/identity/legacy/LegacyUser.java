package app.mobilebackend.identity.legacy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A user as the legacy system's API describes them (see {@link LegacyAuthClient} for the contract); other fields
 * it sends are ignored.
 */
@Serdeable
public record LegacyUser(@Nullable String username,
                         @Nullable String email,
                         @Nullable String name,
                         @Nullable String givenName,
                         @Nullable String familyName,
                         @Nullable String locale,
                         @Nullable String phoneNumber) {
}
