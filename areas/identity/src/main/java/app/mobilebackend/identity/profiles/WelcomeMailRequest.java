package app.mobilebackend.identity.profiles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code detail} of a {@code WelcomeMailRequested} event (source {@code mobile-backend.identity}): who to welcome.
 * {@code eventId} is the same on every redelivery. The address travels in the event because the mail is sent from
 * outside the VPC, where the database is out of reach; it stays nowhere once delivered (a failed delivery waits in the
 * rule's dead-letter queue, encrypted, at most 14 days).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WelcomeMailRequest(@Nullable String eventId, @Nullable String userId, @Nullable String email) {
}
