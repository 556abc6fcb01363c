package app.mobilebackend.preferences;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/** A user's preferences in the GDPR export (version 0 and no values if never saved), and gone on erasure. */
@Singleton
final class PreferencesPersonalData implements PersonalData {

    private final PreferencesService service;
    private final PreferencesRepository repository;

    PreferencesPersonalData(PreferencesService service, PreferencesRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    @Override
    public void export(String userId, DataExport export) {
        export.setPreferences(service.get(userId));
    }

    @Override
    public void erase(String userId) {
        repository.deleteById(userId);
    }
}
