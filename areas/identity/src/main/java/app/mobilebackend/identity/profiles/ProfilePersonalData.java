package app.mobilebackend.identity.profiles;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/**
 * The profile's share of a user's personal data. The export document has no field for it (the caller's email is
 * theirs already, in Cognito), so nothing is exported; erasure deletes the row.
 */
@Singleton
class ProfilePersonalData implements PersonalData {

    private final ProfileRepository profiles;

    ProfilePersonalData(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Override
    public void export(String userId, DataExport export) {
        // DataExport (spec 1.1.0) has no field for the profile.
    }

    @Override
    public void erase(String userId) {
        profiles.deleteById(userId);
    }
}
