package app.mobilebackend.preferences;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** Preference rows, one per user. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PreferencesRepository extends GenericRepository<PreferencesRow, String> {

    Optional<PreferencesRow> findById(String ownerSub);

    /** Creates the first version; answers 0 when another device created it first. */
    @Query("""
        INSERT IGNORE INTO user_preferences (owner_sub, values_json, version, updated_at)
        VALUES (:ownerSub, :valuesJson, 1, :updatedAt)""")
    long insertFirst(String ownerSub, String valuesJson, Instant updatedAt);

    /** Saves a new version only over {@code expectedVersion}; answers how many rows changed (0 or 1). */
    @Query("""
        UPDATE user_preferences SET values_json = :valuesJson, version = version + 1, updated_at = :updatedAt
        WHERE owner_sub = :ownerSub AND version = :expectedVersion""")
    long updateIfVersion(String ownerSub, long expectedVersion, String valuesJson, Instant updatedAt);

    long deleteById(String ownerSub);
}
