package app.mobilebackend.updates;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A platform's manifest as the publish command writes it to {@code updates/manifests/<platform>.json}
 * (infra-cloudformation/publish-update; README, "App updates"):
 * <pre>{"platform":"android","latestVersion":"2.4.0","minimumVersion":"2.0.0","releaseNotes":"...",
 *  "releasedAt":"2026-12-01T09:00:00Z","key":"updates/android/2.4.0/app-release.apk","sha256":"9f86...","size":48213504}</pre>
 * {@code key} is the versioned build's object key; the CDN serves it under the same path.
 */
@Serdeable
public record UpdateManifest(@Nullable String platform,
                             @Nullable String latestVersion,
                             @Nullable String minimumVersion,
                             @Nullable String releaseNotes,
                             @Nullable String releasedAt,
                             @Nullable String key,
                             @Nullable String sha256,
                             @Nullable Long size) {
}
