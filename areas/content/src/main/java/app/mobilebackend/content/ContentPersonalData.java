package app.mobilebackend.content;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/**
 * The content area's personal data: a user's premium subscriptions. The catalog itself is nobody's. The export
 * document has no field for subscriptions, so nothing is exported; erasure deletes them.
 */
@Singleton
class ContentPersonalData implements PersonalData {

    private final PremiumSubscriptionRepository subscriptions;

    ContentPersonalData(PremiumSubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void export(String userId, DataExport export) {
        // DataExport (spec 1.1.0) has no field for premium subscriptions.
    }

    @Override
    public void erase(String userId) {
        subscriptions.deleteByUserSub(userId);
    }
}
