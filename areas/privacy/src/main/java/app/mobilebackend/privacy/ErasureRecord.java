package app.mobilebackend.privacy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The trace an erasure leaves: no personal data, only the hash of the subject, the time and what was erased. */
@MappedEntity("erasure_log")
public record ErasureRecord(@Id String id, String subjectHash, Instant erasedAt, @Nullable String requestId, String areas) {
}
