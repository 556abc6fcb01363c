package app.mobilebackend.core.personaldata;

import app.mobilebackend.api.model.DataExport;

/**
 * One area's share of a user's personal data (to-dos, preferences, files, orders, devices, ...): what the GDPR
 * export shows and what erasure removes. Each area has one bean; {@code GET /me/export} and {@code DELETE /me}
 * go through all of them, so an area added later is exported and erased without touching those functions.
 */
public interface PersonalData {

    /** Puts this area's data of {@code userId} into {@code export} (its own field of the document). */
    void export(String userId, DataExport export);

    /**
     * Erases this area's data of {@code userId}, including what lives outside the database (S3 objects, push
     * endpoints). Idempotent: erasing what is already gone succeeds. Leaves other users untouched.
     */
    void erase(String userId);
}
