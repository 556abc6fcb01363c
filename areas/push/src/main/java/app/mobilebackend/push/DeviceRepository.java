package app.mobilebackend.push;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Device rows. Reads a user sees are scoped to the owner; lookups by token serve the move between users. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface DeviceRepository extends GenericRepository<DeviceRow, String> {

    DeviceRow save(DeviceRow row);

    Optional<DeviceRow> findById(String id);

    Optional<DeviceRow> findByPlatformAndTokenHash(String platform, String tokenHash);

    Optional<DeviceRow> findByIdAndOwnerSub(String id, String ownerSub);

    /** The owner's devices oldest first (ids grow with creation time). */
    @Query("SELECT * FROM device WHERE owner_sub = :ownerSub ORDER BY id LIMIT :limit")
    List<DeviceRow> findByOwner(String ownerSub, int limit);

    @Query("SELECT * FROM device WHERE owner_sub = :ownerSub AND enabled = TRUE ORDER BY id")
    List<DeviceRow> findEnabledByOwner(String ownerSub);

    long countByOwnerSub(String ownerSub);

    /**
     * Hands the device with {@code id} to another owner as a new device, if it still belongs to {@code fromOwner}:
     * one statement, so the token is never without a row nor with two. Answers how many rows changed (0 or 1).
     */
    @Query("""
        UPDATE device
        SET id = :newId, owner_sub = :toOwner, token = :token, endpoint_arn = :endpointArn, enabled = TRUE,
            created_at = :now, updated_at = :now
        WHERE id = :id AND owner_sub = :fromOwner""")
    long move(String id, String fromOwner, String newId, String toOwner, String token, String endpointArn, Instant now);

    @Query("""
        UPDATE device SET token = :token, endpoint_arn = :endpointArn, enabled = TRUE, updated_at = :now
        WHERE id = :id AND owner_sub = :ownerSub""")
    long refresh(String id, String ownerSub, String token, String endpointArn, Instant now);

    /** Marks the devices on an endpoint the push service gave up on; re-registering the token enables them again. */
    @Query("UPDATE device SET enabled = FALSE, updated_at = :now WHERE endpoint_arn = :endpointArn AND enabled = TRUE")
    long disableByEndpointArn(String endpointArn, Instant now);

    long deleteByIdAndOwnerSub(String id, String ownerSub);
}
