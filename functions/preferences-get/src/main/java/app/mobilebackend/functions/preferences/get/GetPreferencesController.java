package app.mobilebackend.functions.preferences.get;

import app.mobilebackend.api.PreferencesGetApi;
import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.preferences.PreferencesService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Serves getPreferences: the caller's preferences with the {@code ETag} to save over. */
@Controller
public class GetPreferencesController implements PreferencesGetApi {

    private final PreferencesService preferences;
    private final CurrentUser user;

    GetPreferencesController(PreferencesService preferences, CurrentUser user) {
        this.preferences = preferences;
        this.user = user;
    }

    @Override
    public HttpResponse<Preferences> getPreferences() {
        Preferences current = preferences.get(user.sub());
        return HttpResponse.ok(current).header(HttpHeaders.ETAG, ETags.of(current.getVersion()));
    }
}
