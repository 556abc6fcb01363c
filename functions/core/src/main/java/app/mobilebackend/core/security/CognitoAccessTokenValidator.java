package app.mobilebackend.core.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Accepts only Cognito access tokens of the trusted pool issued to one of our app clients: the exact issuer,
 * {@code token_use=access} (an ID token is not an access token), a known {@code client_id} and a subject.
 * Signature and expiry are checked by micronaut-security-jwt before this runs.
 */
@Singleton
final class CognitoAccessTokenValidator<T> implements GenericJwtClaimsValidator<T> {

    private final AuthConfiguration configuration;

    CognitoAccessTokenValidator(AuthConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        return configuration.issuer().equals(claims.get(Claims.ISSUER))
            && "access".equals(claims.get("token_use"))
            && configuration.clientIds().contains(String.valueOf(claims.get("client_id")))
            && claims.get(Claims.SUBJECT) instanceof String subject && !subject.isBlank();
    }
}
