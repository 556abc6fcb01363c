package app.mobilebackend.sync;

import app.mobilebackend.api.model.SyncChanges;

import java.util.List;

/**
 * One area's synced entities, as the change feed shows them: each area whose changes it records in the
 * {@link ChangeLog} has one bean, which puts the current state of the entities a page names into the page.
 */
public interface ChangedEntities {

    /** The entity type this bean answers for ({@link ChangeLog#TODO}, ...). */
    String entityType();

    /**
     * Adds the current state of {@code entityIds} (in this order, the page's commit order) to {@code page}. An entity
     * gone since its change was read is left out: its tombstone comes later in the feed.
     */
    void addTo(SyncChanges page, String ownerSub, List<String> entityIds);
}
