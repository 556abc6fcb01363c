package app.mobilebackend.identity.profiles;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import app.mobilebackend.outbox.EventSources;
import app.mobilebackend.outbox.OutboxRepository;
import jakarta.inject.Singleton;

/**
 * The profile's share of a user's personal data. The export document has no field for it (the caller's email is
 * theirs already, in Cognito), so nothing is exported; erasure deletes the row and the user's welcome mail requests
 * in the outbox, which carry their address (a pending one is not needed any more).
 */
@Singleton
class ProfilePersonalData implements PersonalData {

    private final ProfileRepository profiles;
    private final OutboxRepository outbox;

    ProfilePersonalData(ProfileRepository profiles, OutboxRepository outbox) {
        this.profiles = profiles;
        this.outbox = outbox;
    }

    @Override
    public void export(String userId, DataExport export) {
        // DataExport (spec 1.1.0) has no field for the profile.
    }

    @Override
    public void erase(String userId) {
        profiles.deleteById(userId);
        outbox.deleteByUserIdAndType(userId, EventSources.WELCOME_MAIL_REQUESTED);
    }
}
