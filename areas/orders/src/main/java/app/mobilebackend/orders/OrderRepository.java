package app.mobilebackend.orders;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Order rows. Reads on behalf of a user are scoped to the owner; the status consumer reads by id alone. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface OrderRepository extends GenericRepository<OrderRow, String> {

    OrderRow save(OrderRow row);

    Optional<OrderRow> findByIdAndOwnerSub(String id, String ownerSub);

    Optional<OrderRow> findByOwnerSubAndIdempotencyKey(String ownerSub, String idempotencyKey);

    /** One page after {@code afterId} in id order (ids grow with creation time). */
    @Query("""
        SELECT * FROM orders
        WHERE owner_sub = :ownerSub AND id > :afterId
        ORDER BY id
        LIMIT :limit""")
    List<OrderRow> findPage(String ownerSub, String afterId, int limit);

    /** The order, locked until the transaction ends: status changes of one order apply one after the other. */
    @Query("SELECT * FROM orders WHERE id = :id FOR UPDATE")
    Optional<OrderRow> findByIdForUpdate(String id);

    @Query("""
        UPDATE orders SET status = :status, updated_at = :updatedAt, version = version + 1
        WHERE id = :id""")
    long updateStatus(String id, String status, Instant updatedAt);

    List<OrderRow> findByOwnerSubOrderById(String ownerSub);

    long deleteByOwnerSub(String ownerSub);
}
