package app.mobilebackend.content;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signs CloudFront URLs with a canned policy for {@code https://<content.cdn-domain>/<object key>}, good for
 * {@code content.url-ttl}. Built at start-up (the Lambda init phase): the configuration is checked and the private
 * key read once, from {@code content.private-key} or else from the secret {@code content.private-key-secret-arn}
 * (the endpoint can be changed with the SDK's own {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}). Without
 * {@code content.cdn-domain} there is no signer, and content-access, which needs one, does not start.
 */
@Context
@Requires(classes = CloudFrontUtilities.class)
@Requires(property = "content.cdn-domain")
public final class ContentUrlSigner {

    /** The longest a signed URL may live: a leaked link stops working soon. */
    public static final Duration MAX_TTL = Duration.ofMinutes(5);

    private final CloudFrontUtilities cloudFront = CloudFrontUtilities.create();
    private final String cdnDomain;
    private final String keyPairId;
    private final PrivateKey privateKey;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    ContentUrlSigner(ContentConfiguration configuration, Clock clock) {
        this(configuration, clock, privateKey(configuration));
    }

    ContentUrlSigner(ContentConfiguration configuration, Clock clock, PrivateKey privateKey) {
        this.cdnDomain = required(configuration.cdnDomain(), "content.cdn-domain (CONTENT_CDN_DOMAIN)");
        this.keyPairId = required(configuration.keyPairId(), "content.key-pair-id (CONTENT_KEY_PAIR_ID)");
        this.ttl = ttl(configuration.urlTtl());
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /** A URL for {@code objectKey} and the instant it stops working (whole seconds, as the signature says). */
    public SignedUrl sign(String objectKey) {
        Instant expires = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
        String url = cloudFront.getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
            .resourceUrl("https://" + cdnDomain + "/" + objectKey)
            .keyPairId(keyPairId)
            .privateKey(privateKey)
            .expirationDate(expires)
            .build()).url();
        return new SignedUrl(url, expires);
    }

    /** A signed URL and when it expires. */
    public record SignedUrl(String url, Instant expiresAt) {
    }

    private static Duration ttl(Duration configured) {
        Duration ttl = configured == null ? MAX_TTL : configured;
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new ConfigurationException("content.url-ttl (CONTENT_URL_TTL) must be more than 0 and at most "
                + MAX_TTL + ", not " + ttl);
        }
        return ttl;
    }

    private static PrivateKey privateKey(ContentConfiguration configuration) {
        try {
            if (present(configuration.privateKey())) {
                return PemPrivateKeys.parse(configuration.privateKey());
            }
            if (present(configuration.privateKeySecretArn())) {
                return PemPrivateKeys.parse(secret(configuration.privateKeySecretArn()));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        throw new ConfigurationException("Content URLs need a signing key: content.private-key-secret-arn "
            + "(CONTENT_PRIVATE_KEY_SECRET_ARN) or content.private-key (CONTENT_PRIVATE_KEY)");
    }

    private static String secret(String secretArn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
            .region(new DefaultAwsRegionProviderChain().getRegion())
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(3)))
            .build()) {
            String pem = client.getSecretValue(request -> request.secretId(secretArn)).secretString();
            if (pem == null) {
                throw new ConfigurationException("Secret " + secretArn + " has no SecretString (a binary secret?)");
            }
            return pem;
        }
    }

    private static String required(String value, String name) {
        if (!present(value)) {
            throw new ConfigurationException("Content URLs need " + name);
        }
        return value.strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
