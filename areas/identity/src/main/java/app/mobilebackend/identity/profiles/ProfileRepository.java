package app.mobilebackend.identity.profiles;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** Profiles, one per user, keyed by their sub. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ProfileRepository extends GenericRepository<ProfileRow, String> {

    Optional<ProfileRow> findById(String sub);

    /** Creates the profile unless it exists: a retried trigger finds the first one and changes nothing. */
    @Query("INSERT IGNORE INTO profiles (sub, email, created_at) VALUES (:sub, :email, :createdAt)")
    void createIfAbsent(String sub, @Nullable String email, Instant createdAt);

    /** Records that the welcome email went out, once; answers 1 the first time and 0 after. */
    @Query("UPDATE profiles SET welcome_sent_at = :sentAt WHERE sub = :sub AND welcome_sent_at IS NULL")
    long markWelcomeSent(String sub, Instant sentAt);

    long deleteById(String sub);
}
