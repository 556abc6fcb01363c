package app.mobilebackend.core.security;

import app.mobilebackend.core.error.ApiException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;

/**
 * The caller of the current request and the key of every row they own: the {@code uid} claim of their access token,
 * else its {@code sub}. Both regions' user pools put {@code uid} in their tokens (the pre-token-generation trigger):
 * the {@code sub} the user got in the pool where they signed up, which the other region's pool keeps in the
 * immutable attribute {@code custom:uid} when the user moves there. So one person is one key in both regions; a token
 * without {@code uid} (issued before the trigger) is from the pool the user signed up in, where the two are equal.
 */
@Singleton
public final class CurrentUser {

    /** The claim that carries the user's key across the two regions' pools. */
    public static final String UID = "uid";

    private final SecurityService securityService;

    CurrentUser(SecurityService securityService) {
        this.securityService = securityService;
    }

    /** The caller's key ({@code uid}, else {@code sub}); never blank on a secured route. */
    public String sub() {
        return keyOf(securityService.getAuthentication()
            .orElseThrow(() -> ApiException.unauthorized("A valid access token is required.")));
    }

    /** The user key of {@code authentication}: its {@code uid} claim, else its name (the token's {@code sub}). */
    public static String keyOf(Authentication authentication) {
        return authentication.getAttributes().get(UID) instanceof String uid && !uid.isBlank() ? uid : authentication.getName();
    }
}
