package app.mobilebackend.files;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Where user files live: {@code files.bucket} ({@code FILES_BUCKET}), keys {@code users/<sub>/<fileId>}; and how
 * long presigned upload and download URLs stay valid, {@code files.url-ttl} ({@code FILES_URL_TTL}, default and at
 * most 15 minutes).
 */
@ConfigurationProperties("files")
public record FilesConfiguration(
    @Nullable String bucket,
    @Bindable(defaultValue = "PT15M") Duration urlTtl) {

    /** The longest a presigned URL may live, whatever the configuration says. */
    public static final Duration MAX_URL_TTL = Duration.ofMinutes(15);

    /** The configured lifetime, capped at {@link #MAX_URL_TTL}. */
    public Duration effectiveUrlTtl() {
        if (urlTtl == null || urlTtl.isNegative() || urlTtl.isZero()) {
            return MAX_URL_TTL;
        }
        return urlTtl.compareTo(MAX_URL_TTL) > 0 ? MAX_URL_TTL : urlTtl;
    }
}
