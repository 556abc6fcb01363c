package app.mobilebackend.orders;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

/** Order lines, always reached through their orders. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface OrderLineRepository extends GenericRepository<OrderLineRow, String> {

    List<OrderLineRow> saveAll(Iterable<OrderLineRow> rows);

    List<OrderLineRow> findByOrderIdIn(Collection<String> orderIds);

    @Query("DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE owner_sub = :ownerSub)")
    long deleteByOwnerSub(String ownerSub);
}
