package app.mobilebackend.content;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Where premium content is served from and how its URLs are signed. Checked when {@link ContentUrlSigner} starts.
 *
 * @param cdnDomain           the CloudFront distribution's domain, e.g. {@code content.example.com} ({@code CONTENT_CDN_DOMAIN})
 * @param keyPairId           the CloudFront public key id the URLs are signed for ({@code CONTENT_KEY_PAIR_ID})
 * @param privateKey          the signing key as PEM, for development and tests ({@code CONTENT_PRIVATE_KEY})
 * @param privateKeySecretArn the Secrets Manager secret whose string is the PEM, in production ({@code CONTENT_PRIVATE_KEY_SECRET_ARN})
 * @param urlTtl              how long a signed URL is good for ({@code CONTENT_URL_TTL}, default and maximum 5 minutes)
 */
@ConfigurationProperties("content")
public record ContentConfiguration(@Nullable String cdnDomain,
                                   @Nullable String keyPairId,
                                   @Nullable String privateKey,
                                   @Nullable String privateKeySecretArn,
                                   @Nullable Duration urlTtl) {
}
