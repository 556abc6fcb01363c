package app.mobilebackend.content;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;

/**
 * Whether the caller is a premium member: in the Cognito group {@value #GROUP} (the access token's
 * {@code cognito:groups} claim, verified with the token) or holding an active, unexpired premium subscription.
 */
@Singleton
public final class PremiumMembership {

    static final String GROUP = "premium";
    static final String GROUPS_CLAIM = "cognito:groups";

    private final SecurityService security;
    private final PremiumSubscriptionRepository subscriptions;
    private final Clock clock;

    PremiumMembership(SecurityService security, PremiumSubscriptionRepository subscriptions, Clock clock) {
        this.security = security;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** Whether the caller, whose subject is {@code sub}, is premium now. */
    public boolean isPremium(String sub) {
        return inPremiumGroup() || subscriptions.hasActive(sub, clock.instant());
    }

    private boolean inPremiumGroup() {
        // The claim is read as issued rather than mapped to roles, so no other function's security rules change.
        return security.getAuthentication()
            .map(Authentication::getAttributes)
            .map(attributes -> attributes.get(GROUPS_CLAIM))
            .filter(groups -> groups instanceof Collection<?> list && list.contains(GROUP))
            .isPresent();
    }
}
