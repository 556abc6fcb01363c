package app.mobilebackend.functions.preferences.put;

import app.mobilebackend.api.PreferencesPutApi;
import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.api.model.PreferencesUpdate;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.preferences.PreferencesService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Serves putPreferences: saves the caller's preferences over the version {@code If-Match} names. */
@Controller
public class PutPreferencesController implements PreferencesPutApi {

    private final PreferencesService preferences;
    private final CurrentUser user;

    PutPreferencesController(PreferencesService preferences, CurrentUser user) {
        this.preferences = preferences;
        this.user = user;
    }

    @Override
    public HttpResponse<Preferences> putPreferences(PreferencesUpdate preferencesUpdate, String ifMatch) {
        Preferences saved = preferences.put(user.sub(), ifMatch, preferencesUpdate.getValues());
        return HttpResponse.ok(saved).header(HttpHeaders.ETAG, ETags.of(saved.getVersion()));
    }
}
