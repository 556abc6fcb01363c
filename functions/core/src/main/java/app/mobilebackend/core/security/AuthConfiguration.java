package app.mobilebackend.core.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.util.List;

/**
 * Which identity provider the API trusts: a Cognito user pool in production, a local one in development and tests.
 * The JWKS URL itself is {@code micronaut.security.token.jwt.signatures.jwks.cognito.url}, set from {@code AUTH_JWKS_URL}.
 *
 * @param issuer    the exact {@code iss} every token must carry ({@code AUTH_ISSUER})
 * @param clientIds the app clients whose tokens are accepted ({@code AUTH_CLIENT_IDS}, comma-separated)
 */
@ConfigurationProperties("auth")
public record AuthConfiguration(@NotBlank String issuer, @NotEmpty List<String> clientIds) {
}
