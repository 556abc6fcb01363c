package app.mobilebackend.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Cognito-compatible identity provider on loopback: it mints access tokens shaped like a Cognito user pool's
 * (RS256, {@code token_use}, {@code client_id}, {@code cognito:groups}) and serves its JWKS over HTTP,
 * so the functions verify tokens exactly as they do in production.
 */
public final class LocalIdentityProvider implements AutoCloseable {

    public static final String ISSUER = "https://local-idp.mobile-backend.test";
    public static final String CLIENT_ID = "local-mobile-app";
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private static LocalIdentityProvider shared;

    private final RSAKey key;
    private final String issuer;
    private final String clientId;
    private final String jwks;
    private final HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger jwksFetches = new java.util.concurrent.atomic.AtomicInteger();

    private LocalIdentityProvider(RSAKey key, String issuer, String clientId) throws IOException {
        this.key = key;
        this.issuer = issuer;
        this.clientId = clientId;
        this.jwks = new JWKSet(key.toPublicJWK()).toString();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = this.jwks.getBytes(StandardCharsets.UTF_8);
        server.createContext(JWKS_PATH, exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    /** Starts a provider with the JVM's token key ({@link LocalKeys}). */
    public static LocalIdentityProvider start() {
        return start(newKey("identity-provider"));
    }

    /** Starts a provider signing with {@code key} (the dev server keeps its key, so tokens survive a restart). */
    public static LocalIdentityProvider start(RSAKey key) {
        return start(key, ISSUER, CLIENT_ID);
    }

    /**
     * Starts a provider with an issuer and app client of its own: the other region's user pool, beside the shared
     * provider, in the tests of identity across regions.
     */
    public static LocalIdentityProvider start(RSAKey key, String issuer, String clientId) {
        try {
            return new LocalIdentityProvider(key, issuer, clientId);
        } catch (IOException e) {
            throw new IllegalStateException("Could not serve the JWKS on loopback", e);
        }
    }

    /** The JVM's shared provider for tests. */
    public static synchronized LocalIdentityProvider shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** The JVM's key named {@code name} ({@link LocalKeys}) as a JWK, its key id its thumbprint. */
    public static RSAKey newKey(String name) {
        KeyPair keys = LocalKeys.rsa(name);
        try {
            return new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey(keys.getPrivate()).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey key() {
        return key;
    }

    /** How many times a function fetched the JWKS from this provider. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH;
    }

    public String issuer() {
        return issuer;
    }

    /** The public JWKS document it serves. */
    public String jwks() {
        return jwks;
    }

    /** The configuration that makes the functions trust this provider. */
    public Map<String, Object> properties() {
        return Map.of("auth.issuer", issuer, "auth.jwks-url", jwksUrl(), "auth.client-ids", List.of(clientId));
    }

    /** The configuration that makes the functions trust this provider as the other region's pool. */
    public Map<String, Object> peerProperties() {
        return Map.of("auth.peer-issuer", issuer, "auth.peer-jwks", jwks, "auth.peer-client-ids", List.of(clientId));
    }

    /** A valid access token for {@code sub}, good for {@code lifetime}. */
    public String accessToken(String sub, Duration lifetime) {
        return sign(accessClaims(sub, lifetime).build());
    }

    /** A valid access token for {@code sub}, good for an hour. */
    public String accessToken(String sub) {
        return accessToken(sub, Duration.ofHours(1));
    }

    /** The claims of a Cognito access token for {@code sub}; tests change them to forge bad tokens. */
    public JWTClaimsSet.Builder accessClaims(String sub, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(sub)
            .claim("token_use", "access")
            .claim("client_id", clientId)
            .claim("scope", "aws.cognito.signin.user.admin")
            .claim("username", sub)
            .claim("cognito:groups", List.of())
            .claim("auth_time", now.getEpochSecond())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString());
    }

    /** Signs {@code claims} with this provider's key (RS256). */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signs {@code claims} with another key than the one the JWKS publishes: a forgery. */
    public String signWithForeignKey(JWTClaimsSet claims) {
        RSAKey foreign = newKey("foreign");
        return sign(claims, new RSAKey.Builder(foreign).keyID(key.getKeyID()).build());
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
