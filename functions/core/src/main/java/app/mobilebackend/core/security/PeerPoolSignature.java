package app.mobilebackend.core.security;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JWKSetJwksSignature;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.text.ParseException;

/**
 * The other region's user pool's signing keys, from the JWKS document the deployment passes ({@code AUTH_PEER_JWKS}):
 * tokens that pool signed verify here too. Which issuer and app clients go with them is {@link AuthConfiguration}'s
 * check. Cognito does not rotate a pool's keys, so a copy taken at deployment stays valid.
 */
@Factory
@Requires(property = "auth.peer-issuer", pattern = "\\S+")
final class PeerPoolSignature {

    @Singleton
    @Named("peer-pool")
    SignatureConfiguration peerPoolSignature(AuthConfiguration configuration, JwkValidator validator) {
        if (configuration.peerJwks() == null) {
            throw new ConfigurationException("auth.peer-jwks (AUTH_PEER_JWKS) is empty");
        }
        try {
            return new JWKSetJwksSignature(validator, JWKSet.parse(configuration.peerJwks()));
        } catch (ParseException e) {
            throw new ConfigurationException("auth.peer-jwks (AUTH_PEER_JWKS) is not a JWKS document: " + e.getMessage());
        }
    }
}
