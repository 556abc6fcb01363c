package app.mobilebackend.core.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.List;

/**
 * Which identity provider the API trusts: a Cognito user pool in production, a local one in development and tests.
 * The JWKS URL itself is {@code micronaut.security.token.jwt.signatures.jwks.cognito.url}, set from {@code AUTH_JWKS_URL}.
 * Built as the context starts (configuration is built eagerly), so a function missing either setting stops before it
 * serves anything. Checked here rather than with bean validation, which would load a validator and its ~200
 * classes at every cold start for these two settings.
 *
 * @param issuer    the exact {@code iss} every token must carry ({@code AUTH_ISSUER})
 * @param clientIds the app clients whose tokens are accepted ({@code AUTH_CLIENT_IDS}, comma-separated)
 */
@ConfigurationProperties("auth")
public record AuthConfiguration(String issuer, List<String> clientIds) {

    public AuthConfiguration {
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigurationException("auth.issuer (AUTH_ISSUER) must be set: the exact iss of the user pool's tokens");
        }
        if (clientIds == null || clientIds.isEmpty() || clientIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new ConfigurationException("auth.client-ids (AUTH_CLIENT_IDS) must name at least one app client, comma-separated");
        }
        clientIds = List.copyOf(clientIds);
    }
}
