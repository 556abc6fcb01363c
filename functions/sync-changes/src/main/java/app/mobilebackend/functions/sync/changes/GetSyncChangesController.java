package app.mobilebackend.functions.sync.changes;

import app.mobilebackend.api.SyncChangesApi;
import app.mobilebackend.api.model.SyncChanges;
import app.mobilebackend.core.security.CurrentUser;
import app.mobilebackend.sync.ChangeFeed;
import io.micronaut.http.annotation.Controller;

/** Serves getSyncChanges: one page of the caller's change feed, or of a snapshot without {@code since}. */
@Controller
public class GetSyncChangesController implements SyncChangesApi {

    private static final int DEFAULT_LIMIT = 20;

    private final ChangeFeed feed;
    private final CurrentUser user;

    GetSyncChangesController(ChangeFeed feed, CurrentUser user) {
        this.feed = feed;
        this.user = user;
    }

    @Override
    public SyncChanges getSyncChanges(String since, Integer limit) {
        return feed.changes(user.sub(), since, limit == null ? DEFAULT_LIMIT : limit);
    }
}
