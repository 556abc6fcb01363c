package app.mobilebackend.sync;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/**
 * A user's change log on erasure: its rows and tombstones go, and the log itself, so a device's old cursor answers
 * 410. The export adds nothing: the log holds only ids, versions and times of the to-dos and preferences exported
 * already, and of deletions (which the export does not show for any area).
 */
@Singleton
final class SyncPersonalData implements PersonalData {

    private final ChangeLogRepository repository;

    SyncPersonalData(ChangeLogRepository repository) {
        this.repository = repository;
    }

    @Override
    public void export(String userId, DataExport export) {
        // nothing beyond what the to-dos and preferences export already
    }

    @Override
    public void erase(String userId) {
        repository.deleteChanges(userId);
        repository.deleteLog(userId);
    }
}
