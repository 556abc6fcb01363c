package app.mobilebackend.content;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A premium membership bought outside Cognito, as stored: one row of {@code premium_subscriptions}. It makes its
 * user premium while {@code status} is {@link #ACTIVE} and {@code expiresAt} is in the future.
 */
@MappedEntity("premium_subscriptions")
public record PremiumSubscriptionRow(
    @Id String id,
    String userSub,
    String status,
    Instant expiresAt,
    Instant createdAt) {

    public static final String ACTIVE = "active";
}
