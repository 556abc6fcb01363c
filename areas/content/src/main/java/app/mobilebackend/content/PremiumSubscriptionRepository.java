package app.mobilebackend.content;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

/** Premium subscriptions, always read and written with their user's sub. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PremiumSubscriptionRepository extends GenericRepository<PremiumSubscriptionRow, String> {

    PremiumSubscriptionRow save(PremiumSubscriptionRow row);

    /** Whether {@code userSub} has an active subscription that has not expired at {@code now}. */
    @Query("""
        SELECT COUNT(*) > 0 FROM premium_subscriptions
        WHERE user_sub = :userSub AND status = 'active' AND expires_at > :now""")
    boolean hasActive(String userSub, Instant now);

    long deleteByUserSub(String userSub);
}
