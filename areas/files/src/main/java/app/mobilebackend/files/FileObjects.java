package app.mobilebackend.files;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of user files in S3: object keys, presigned upload and download URLs, deletion. A key is
 * {@code users/<sub>/<fileId>}, built from the owner and the server's id only, never from the client's file name.
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

    /** The signature counts whole seconds (X-Amz-Date): the URL stops working at the second, not at our nanosecond. */
    private static Instant expiry(Instant expiration) {
        return expiration.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Deletes the file's object; deleting one that is not there succeeds. */
    public void delete(String ownerSub, String fileId) {
        s3.deleteObject(request -> request.bucket(bucket).key(key(ownerSub, fileId)));
    }

    /** Deletes every object under the user's prefix, a page (at most 1000 keys) at a time; idempotent. */
    public void deleteAll(String ownerSub) {
        String prefix = prefix(ownerSub);
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
