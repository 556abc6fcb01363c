package app.mobilebackend.core.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Accepts only Cognito access tokens of a trusted pool (this region's or the other's) issued to one of that pool's
 * app clients: the exact issuer, {@code token_use=access} (an ID token is not an access token), a known
 * {@code client_id}, a subject, a {@code uid} that is a non-blank string if there is one ({@link CurrentUser}), and
 * times a Cognito token has: an {@code exp}, and no {@code nbf} or {@code iat} later than now (give or take
 * {@link #CLOCK_SKEW}).
 *
 * <p>Signature and an {@code exp} in the past are checked by micronaut-security-jwt before this runs
 * ({@code micronaut.security.token.jwt.claims-validators.expiration}, on by default), but it accepts a token without
 * {@code exp}; its {@code nbf} check ({@code claims-validators.not-before}, off by default) allows no clock skew, and it
 * has no {@code iat} check: those three are here.
 */
@Singleton
final class CognitoAccessTokenValidator<T> implements GenericJwtClaimsValidator<T> {

    /** How far Cognito's clock may run ahead of this function's (both follow NTP; a minute is generous). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final AuthConfiguration configuration;
    private final Clock clock;

    CognitoAccessTokenValidator(AuthConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        return configuration.trusts(claims.get(Claims.ISSUER), claims.get("client_id"))
            && "access".equals(claims.get("token_use"))
            && claims.get(Claims.SUBJECT) instanceof String subject && !subject.isBlank()
            && (claims.get(CurrentUser.UID) == null || claims.get(CurrentUser.UID) instanceof String uid && !uid.isBlank())
            && hasCurrentTimes(JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims));
    }

    private boolean hasCurrentTimes(JWTClaimsSet claims) {
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        return claims.getExpirationTime() != null
            && notAfter(claims.getNotBeforeTime(), latest)
            && notAfter(claims.getIssueTime(), latest);
    }

    private static boolean notAfter(@Nullable Date time, Instant latest) {
        return time == null || !time.toInstant().isAfter(latest);
    }
}
