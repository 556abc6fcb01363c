package app.mobilebackend.orders;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

/** The product catalog, read only. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ProductRepository extends GenericRepository<ProductRow, String> {

    List<ProductRow> findBySkuIn(Collection<String> skus);
}
