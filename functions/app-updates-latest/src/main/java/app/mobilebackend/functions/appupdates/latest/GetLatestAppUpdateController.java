package app.mobilebackend.functions.appupdates.latest;

import app.mobilebackend.api.AppUpdatesLatestApi;
import app.mobilebackend.api.model.AppPlatform;
import app.mobilebackend.api.model.AppUpdate;
import app.mobilebackend.updates.AppUpdates;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Serves getLatestAppUpdate: the platform's update manifest, public (the spec's {@code security: []}; API Gateway puts
 * no authorizer on it), so an app that cannot sign in still learns that it must update. The answer may be kept a
 * minute (Cache-Control): a publish reaches every app within a minute of the caches'.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class GetLatestAppUpdateController implements AppUpdatesLatestApi {

    static final String CACHE_CONTROL = "public, max-age=60";

    private final AppUpdates updates;

    GetLatestAppUpdateController(AppUpdates updates) {
        this.updates = updates;
    }

    @Override
    public HttpResponse<AppUpdate> getLatestAppUpdate(AppPlatform platform, @Nullable String currentVersion) {
        return HttpResponse.ok(updates.latest(platform, currentVersion)).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
