package app.mobilebackend.updates;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where app updates are published and served from.
 *
 * @param bucket    the updates bucket, holding {@code updates/manifests/<platform>.json} and the versioned builds
 *                  ({@code UPDATES_BUCKET})
 * @param cdnDomain the CloudFront distribution's domain the builds are downloaded from, e.g. {@code content.example.com}
 *                  ({@code UPDATES_CDN_DOMAIN})
 */
@ConfigurationProperties("updates")
public record UpdatesConfiguration(@Nullable String bucket, @Nullable String cdnDomain) {
}
