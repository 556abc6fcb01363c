package app.mobilebackend.core.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Which identity providers the API trusts: this region's Cognito user pool and, once the other region's pool exists,
 * that one too (after a failover a user's token may come from either; README of infra-cloudformation, "One user in
 * both regions"). A local provider stands in for both in development and tests.
 * This pool's JWKS URL is {@code micronaut.security.token.jwt.signatures.jwks.cognito.url}, set from {@code AUTH_JWKS_URL};
 * the peer pool's keys come as the JWKS document itself ({@code AUTH_PEER_JWKS}): the functions' VPC reaches only its
 * own region's Cognito endpoint, so they cannot fetch the other region's keys.
 * Built as the context starts (configuration is built eagerly), so a function missing a setting stops before it
 * serves anything. Checked here rather than with bean validation, which would load a validator and its ~200
 * classes at every cold start for these settings.
 *
 * @param issuer        the exact {@code iss} of this region's pool ({@code AUTH_ISSUER})
 * @param clientIds     the app clients of that pool whose tokens are accepted ({@code AUTH_CLIENT_IDS}, comma-separated)
 * @param peerIssuer    the exact {@code iss} of the other region's pool ({@code AUTH_PEER_ISSUER}); empty: trust this pool only
 * @param peerClientIds the app clients of that pool ({@code AUTH_PEER_CLIENT_IDS}); required with a peer issuer
 * @param peerJwks      the JWKS document of that pool ({@code AUTH_PEER_JWKS}); required with a peer issuer
 */
@ConfigurationProperties("auth")
public record AuthConfiguration(String issuer, List<String> clientIds, @Nullable String peerIssuer,
                                @Nullable List<String> peerClientIds, @Nullable String peerJwks) {

    public AuthConfiguration {
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigurationException("auth.issuer (AUTH_ISSUER) must be set: the exact iss of the user pool's tokens");
        }
        if (!named(clientIds)) {
            throw new ConfigurationException("auth.client-ids (AUTH_CLIENT_IDS) must name at least one app client, comma-separated");
        }
        clientIds = List.copyOf(clientIds);
        peerIssuer = peerIssuer == null || peerIssuer.isBlank() ? null : peerIssuer;
        peerClientIds = peerClientIds == null ? List.of() : peerClientIds.stream().filter(id -> id != null && !id.isBlank()).toList();
        peerJwks = peerJwks == null || peerJwks.isBlank() ? null : peerJwks;
        if (peerIssuer != null && (peerClientIds.isEmpty() || peerJwks == null)) {
            throw new ConfigurationException("auth.peer-issuer (AUTH_PEER_ISSUER) needs auth.peer-client-ids "
                + "(AUTH_PEER_CLIENT_IDS) and auth.peer-jwks (AUTH_PEER_JWKS, the other pool's JWKS document)");
        }
        if (peerIssuer != null && peerIssuer.equals(issuer)) {
            throw new ConfigurationException("auth.peer-issuer (AUTH_PEER_ISSUER) is the other region's pool, not this one");
        }
    }

    /** Whether tokens of {@code tokenIssuer} issued to {@code clientId} are accepted: each pool for its own clients. */
    public boolean trusts(Object tokenIssuer, Object clientId) {
        if (issuer.equals(tokenIssuer)) {
            return clientIds.contains(String.valueOf(clientId));
        }
        return peerIssuer != null && peerIssuer.equals(tokenIssuer) && peerClientIds.contains(String.valueOf(clientId));
    }

    private static boolean named(List<String> ids) {
        return ids != null && !ids.isEmpty() && ids.stream().noneMatch(id -> id == null || id.isBlank());
    }
}
