package app.mobilebackend.files;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** File rows; every method is scoped to an owner, so no query can reach another user's rows. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface FileRepository extends GenericRepository<FileRow, String> {

    FileRow save(FileRow row);

    Optional<FileRow> findByIdAndOwnerSub(String id, String ownerSub);

    /** One page after {@code afterId} in id order (ids grow with creation time: oldest first). */
    @Query("""
        SELECT * FROM files
        WHERE owner_sub = :ownerSub AND id > :afterId
        ORDER BY id
        LIMIT :limit""")
    List<FileRow> findPage(String ownerSub, String afterId, int limit);

    /** Records the file's thumbnail unless it has one: 1 the first time, 0 for a duplicate event or a file gone since. */
    @Query("UPDATE files SET thumbnail_key = :thumbnailKey WHERE id = :id AND owner_sub = :ownerSub AND thumbnail_key IS NULL")
    long recordThumbnail(String id, String ownerSub, String thumbnailKey);

    long deleteByIdAndOwnerSub(String id, String ownerSub);

    long deleteByOwnerSub(String ownerSub);
}
