package app.mobilebackend.files;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A file as stored: one row of {@code files}, owned by the user whose {@code sub} it carries; its bytes are in S3,
 * and its thumbnail, once the thumbnails function made one, under {@code thumbnailKey}.
 */
@MappedEntity("files")
public record FileRow(
    @Id String id,
    String ownerSub,
    String name,
    String contentType,
    long size,
    Instant createdAt,
    @Nullable String thumbnailKey) {
}
