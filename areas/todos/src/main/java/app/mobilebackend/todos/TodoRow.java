package app.mobilebackend.todos;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A to-do as stored: one row of {@code todo}, owned by the user whose {@code sub} it carries. */
@MappedEntity("todo")
public record TodoRow(
    @Id String id,
    String ownerSub,
    String title,
    @Nullable String notes,
    boolean done,
    @Nullable Instant dueAt,
    Instant createdAt,
    Instant updatedAt,
    long version) {
}
