package app.mobilebackend.files;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes of user files in S3: object keys, presigned upload and download URLs, deletion. A key is
 * {@code users/<sub>/<fileId>}, built from the owner and the server's id only, never from the client's file name; a
 * file's thumbnail is {@code thumbnails/<sub>/<fileId>.jpg}, under a prefix of its own so that the function making
 * thumbnails may write there and nowhere else, and reading an upload never triggers itself.
 */
@Singleton
public final class FileObjects {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration urlTtl;

    FileObjects(S3Client s3, S3Presigner presigner, FilesConfiguration configuration) {
        if (configuration.bucket() == null || configuration.bucket().isBlank()) {
            throw new ConfigurationException("The files functions need files.bucket (FILES_BUCKET)");
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = configuration.bucket().strip();
        this.urlTtl = configuration.effectiveUrlTtl();
    }

    /** A presigned URL, the headers its request must send as they are, and when it stops working. */
    public record PresignedUrl(String url, Map<String, String> headers, Instant expiresAt) {
    }

    /** The object's key prefix of one user: {@code users/<sub>/}, the sub URL-encoded so no sub reaches into another's. */
    public static String prefix(String ownerSub) {
        return "users/" + URLEncoder.encode(ownerSub, StandardCharsets.UTF_8) + "/";
    }

    public static String key(String ownerSub, String fileId) {
        return prefix(ownerSub) + fileId;
    }

    /** The prefix of one user's thumbnails: {@code thumbnails/<sub>/}, the sub encoded as in {@link #prefix}. */
    public static String thumbnailPrefix(String ownerSub) {
        return "thumbnails/" + URLEncoder.encode(ownerSub, StandardCharsets.UTF_8) + "/";
    }

    /** Always the same key for a file: making its thumbnail again overwrites it rather than adding one. */
    public static String thumbnailKey(String ownerSub, String fileId) {
        return thumbnailPrefix(ownerSub) + fileId + ".jpg";
    }

    /** An uploaded file's owner and id, read back from its key. */
    public record UploadKey(String ownerSub, String fileId) {
    }

    /**
     * The owner and file id of {@code key} when it is an upload's key ({@code users/<sub>/<fileId>}, as {@link #key}
     * builds it), empty for any other key.
     */
    public static Optional<UploadKey> parseUploadKey(String key) {
        if (key == null || !key.startsWith("users/")) {
            return Optional.empty();
        }
        String rest = key.substring("users/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String ownerSub;
        try {
            ownerSub = URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String fileId = rest.substring(slash + 1);
        // Only a key this class would have built: anything else is not one of our uploads.
        return key(ownerSub, fileId).equals(key) ? Optional.of(new UploadKey(ownerSub, fileId)) : Optional.empty();
    }

    public String bucket() {
        return bucket;
    }

    /** A PUT URL signed for exactly this content type and length: an upload with any other fails at S3. */
    public PresignedUrl presignUpload(FileRow file) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request
            .signatureDuration(urlTtl)
            .putObjectRequest(put -> put
                .bucket(bucket)
                .key(key(file.ownerSub(), file.id()))
                .contentType(file.contentType())
                .contentLength(file.size())));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", file.contentType());
        headers.put("Content-Length", Long.toString(file.size()));
        return new PresignedUrl(presigned.url().toString(), headers, expiry(presigned.expiration()));
    }

    /** A GET URL whose response names the file as an attachment with its own name. */
    public PresignedUrl presignDownload(FileRow file) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
            .signatureDuration(urlTtl)
            .getObjectRequest(get -> get
                .bucket(bucket)
                .key(key(file.ownerSub(), file.id()))
                .responseContentDisposition(ContentDisposition.attachment(file.name()))));
        return new PresignedUrl(presigned.url().toString(), Map.of(), expiry(presigned.expiration()));
    }

    /** A GET URL of the file's thumbnail, as short-lived as the download's. */
    public PresignedUrl presignThumbnail(FileRow file) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
            .signatureDuration(urlTtl)
            .getObjectRequest(get -> get.bucket(bucket).key(file.thumbnailKey())));
        return new PresignedUrl(presigned.url().toString(), Map.of(), expiry(presigned.expiration()));
    }

    /**
     * At most {@code limit} bytes of an uploaded object, or empty when the object is larger (or gone): the size is
     * checked before anything is read, so a huge object costs no memory.
     */
    public Optional<byte[]> readUpload(String key, long limit) {
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(request -> request.bucket(bucket).key(key))) {
            Long length = object.response().contentLength();
            if (length != null && length > limit) {
                object.abort();
                return Optional.empty();
            }
            byte[] bytes = object.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                object.abort();
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + key, e);
        }
    }

    /** Writes a thumbnail (JPEG) at its key; writing the same one again changes nothing the user sees. */
    public void putThumbnail(String key, byte[] jpeg) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(jpeg));
    }

    /** Deletes a file's thumbnail, there or not. */
    public void deleteThumbnail(String ownerSub, String fileId) {
        s3.deleteObject(request -> request.bucket(bucket).key(thumbnailKey(ownerSub, fileId)));
    }

    /** The signature counts whole seconds (X-Amz-Date): the URL stops working at the second, not at our nanosecond. */
    private static Instant expiry(Instant expiration) {
        return expiration.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Deletes the file's object; deleting one that is not there succeeds. */
    public void delete(String ownerSub, String fileId) {
        s3.deleteObject(request -> request.bucket(bucket).key(key(ownerSub, fileId)));
    }

    /** Deletes every object under the user's prefixes (uploads and thumbnails); idempotent. */
    public void deleteAll(String ownerSub) {
        deleteAllUnder(prefix(ownerSub));
        deleteAllUnder(thumbnailPrefix(ownerSub));
    }

    /** Deletes every object under {@code prefix}, a page (at most 1000 keys) at a time. */
    private void deleteAllUnder(String prefix) {
        ListObjectsV2Response page;
        do {
            // Always the first page: the objects listed before are gone, so no continuation token is needed.
            page = s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix));
            List<ObjectIdentifier> keys = page.contents().stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                .toList();
            if (!keys.isEmpty()) {
                DeleteObjectsResponse deleted = s3.deleteObjects(request -> request.bucket(bucket)
                    .delete(Delete.builder().objects(keys).quiet(true).build()));
                if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
                    // Stop rather than list the same keys again forever; erasure is retried as a whole.
                    throw new IllegalStateException("S3 kept " + deleted.errors().size() + " objects under " + prefix
                        + ", first: " + deleted.errors().get(0).code());
                }
            }
        } while (Boolean.TRUE.equals(page.isTruncated()));
    }
}
