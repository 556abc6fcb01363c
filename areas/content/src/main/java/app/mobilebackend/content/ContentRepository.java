package app.mobilebackend.content;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** The content catalog: the same for every user. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ContentRepository extends GenericRepository<ContentItemRow, String> {

    Optional<ContentItemRow> findById(String id);

    /** One page after {@code afterId} in id order. */
    @Query("SELECT * FROM content_items WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<ContentItemRow> findPage(String afterId, int limit);
}
