package app.mobilebackend.todos;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** To-do rows; every method is scoped to an owner, so no query can reach another user's rows. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TodoRepository extends GenericRepository<TodoRow, String> {

    TodoRow save(TodoRow row);

    Optional<TodoRow> findByIdAndOwnerSub(String id, String ownerSub);

    /** Whether any user has a to-do with this id (a client-generated id must be free). */
    boolean existsById(String id);

    /** The owner's to-dos among {@code ids} (a page of the change feed). */
    List<TodoRow> findByOwnerSubAndIdIn(String ownerSub, Collection<String> ids);

    /** One page after {@code afterId} in id order (ids grow with creation time), optionally only done or open ones. */
    @Query("""
        SELECT * FROM todo
        WHERE owner_sub = :ownerSub AND id > :afterId AND (:done IS NULL OR done = :done)
        ORDER BY id
        LIMIT :limit""")
    List<TodoRow> findPage(String ownerSub, String afterId, @Nullable Boolean done, int limit);

    /** Applies a change only if the row is still at {@code expectedVersion}; answers how many rows changed (0 or 1). */
    @Query("""
        UPDATE todo
        SET title = :title, notes = :notes, done = :done, due_at = :dueAt, updated_at = :updatedAt, version = version + 1
        WHERE id = :id AND owner_sub = :ownerSub AND version = :expectedVersion""")
    long updateIfVersion(String id, String ownerSub, long expectedVersion,
                         String title, @Nullable String notes, boolean done, @Nullable Instant dueAt, Instant updatedAt);

    long deleteByIdAndOwnerSub(String id, String ownerSub);

    /** Deletes the to-do only if it is still at {@code expectedVersion}; answers how many rows went (0 or 1). */
    @Query("DELETE FROM todo WHERE id = :id AND owner_sub = :ownerSub AND version = :expectedVersion")
    long deleteIfVersion(String id, String ownerSub, long expectedVersion);

    /** All of the owner's to-dos in creation order (the GDPR export). */
    List<TodoRow> findByOwnerSubOrderById(String ownerSub);

    long deleteByOwnerSub(String ownerSub);
}
