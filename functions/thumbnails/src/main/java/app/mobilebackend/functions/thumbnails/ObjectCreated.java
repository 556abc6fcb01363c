package app.mobilebackend.functions.thumbnails;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The EventBridge event S3 sends for a new object (the envelope's fields this function reads): source
 * {@code aws.s3}, detail-type {@code Object Created}, detail {@code {"bucket": {"name"}, "object": {"key", "size"},
 * "reason"}}. S3 writes the key as it is, not URL-encoded (S3's own notification events encode it; EventBridge's do not).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectCreated(
    @Nullable String id,
    @Nullable String source,
    @Nullable @JsonProperty("detail-type") String detailType,
    @Nullable Detail detail) {

    public static final String SOURCE = "aws.s3";
    public static final String DETAIL_TYPE = "Object Created";

    /** Which bucket and object. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(@Nullable Bucket bucket, @Nullable S3Object object, @Nullable String reason) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bucket(@Nullable String name) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record S3Object(@Nullable String key, @Nullable Long size) {
    }

    /** The new object's key, when this is an Object Created event from S3 that names one. */
    @Nullable
    public String key() {
        if (!SOURCE.equals(source) || !DETAIL_TYPE.equals(detailType) || detail == null || detail.object() == null) {
            return null;
        }
        return detail.object().key();
    }
}
