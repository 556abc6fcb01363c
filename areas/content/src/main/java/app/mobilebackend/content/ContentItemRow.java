package app.mobilebackend.content;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An item of the content catalog as stored: one row of {@code content_items}. */
@MappedEntity("content_items")
public record ContentItemRow(
    @Id String id,
    String title,
    @Nullable String description,
    String mediaType,
    String objectKey,
    boolean premium,
    Instant createdAt) {
}
