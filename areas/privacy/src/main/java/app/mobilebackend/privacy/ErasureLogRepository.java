package app.mobilebackend.privacy;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The erasure log; append-only. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ErasureLogRepository extends GenericRepository<ErasureRecord, String> {

    ErasureRecord save(ErasureRecord record);

    List<ErasureRecord> findBySubjectHash(String subjectHash);
}
