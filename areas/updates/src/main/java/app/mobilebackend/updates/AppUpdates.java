package app.mobilebackend.updates;

import app.mobilebackend.api.model.AppPlatform;
import app.mobilebackend.api.model.AppUpdate;
import app.mobilebackend.core.error.ApiException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The latest build of a platform as its manifest says, with its CDN URL, and what it means for an app of a given
 * version: an update is available below {@code latestVersion}, required below {@code minimumVersion}.
 */
@Singleton
public final class AppUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(AppUpdates.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    private final UpdateManifests manifests;
    private final String cdnBase;

    AppUpdates(UpdateManifests manifests, UpdatesConfiguration configuration) {
        this.manifests = manifests;
        String domain = configuration.cdnDomain() == null ? "" : configuration.cdnDomain().strip();
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalStateException("updates.cdn-domain (UPDATES_CDN_DOMAIN) is not a host name: '" + domain + "'");
        }
        this.cdnBase = "https://" + domain + "/";
    }

    /**
     * The latest build of {@code platform}; with {@code currentVersion} (already checked by the spec's pattern),
     * whether that app may and must update. 404 when nothing is published for the platform.
     */
    public AppUpdate latest(AppPlatform platform, String currentVersion) {
        String name = platform.getValue();
        UpdateManifest manifest = manifests.find(name)
            .orElseThrow(() -> ApiException.notFound("No app update is published for " + name + "."));
        SemanticVersion latest = version(manifest.latestVersion(), name, "latestVersion");
        SemanticVersion minimum = version(manifest.minimumVersion(), name, "minimumVersion");
        if (latest.isBelow(minimum)) {
            throw invalid(name, "minimumVersion " + minimum + " is above latestVersion " + latest);
        }
        String key = manifest.key();
        if (key == null || !UpdateObjects.BUILD_KEY.matcher(key).matches() || !key.startsWith(UpdateObjects.PREFIX + name + "/" + latest + "/")) {
            throw invalid(name, "key '" + key + "' is not updates/" + name + "/" + latest + "/<file>");
        }
        if (manifest.sha256() == null || !SHA256.matcher(manifest.sha256()).matches()) {
            throw invalid(name, "sha256 is not 64 lowercase hex digits");
        }
        if (manifest.size() == null || manifest.size() < 0) {
            throw invalid(name, "size is missing or negative");
        }
        AppUpdate update = new AppUpdate(platform, latest.toString(), minimum.toString(),
            manifest.releaseNotes() == null ? "" : manifest.releaseNotes(), cdnBase + key, manifest.sha256(), manifest.size());
        if (manifest.releasedAt() != null) {
            try {
                update.setReleasedAt(OffsetDateTime.parse(manifest.releasedAt()));
            } catch (DateTimeParseException e) {
                throw invalid(name, "releasedAt '" + manifest.releasedAt() + "' is not a date-time");
            }
        }
        if (currentVersion != null) {
            SemanticVersion current = SemanticVersion.parse(currentVersion)
                .orElseThrow(() -> ApiException.badRequest("currentVersion must be MAJOR.MINOR.PATCH."));
            update.setCurrentVersion(current.toString());
            update.setUpdateAvailable(current.isBelow(latest));
            update.setUpdateRequired(current.isBelow(minimum));
        }
        return update;
    }

    private static SemanticVersion version(String text, String platform, String field) {
        return SemanticVersion.parse(text).orElseThrow(() -> invalid(platform, field + " '" + text + "' is not MAJOR.MINOR.PATCH"));
    }

    /** A manifest the publish command would not write: a fault of the publisher's, not of the app's request (500). */
    private static IllegalStateException invalid(String platform, String what) {
        String message = "The " + platform + " update manifest " + UpdateObjects.manifestKey(platform) + " is invalid: " + what;
        LOG.error(message);
        return new IllegalStateException(message);
    }
}
