package app.mobilebackend.preferences;

import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.sync.ChangeLog;
import app.mobilebackend.sync.ChangedEntities;
import jakarta.inject.Singleton;

import java.util.List;

/** Preferences in the change feed: the whole document, as it is now, when it changed. */
@Singleton
final class PreferencesChanges implements ChangedEntities {

    private final PreferencesRepository repository;
    private final PreferencesService service;

    PreferencesChanges(PreferencesRepository repository, PreferencesService service) {
        this.repository = repository;
        this.service = service;
    }

    @Override
    public String entityType() {
        return ChangeLog.PREFERENCES;
    }

    @Override
    public void addTo(SyncChanges page, String ownerSub, List<String> entityIds) {
        if (repository.findById(ownerSub).isPresent()) {
            page.setPreferences(service.get(ownerSub));
        }
    }
}
