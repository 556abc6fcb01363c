package app.mobilebackend.files;

import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileDownload;
import app.mobilebackend.api.model.FilePage;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.api.model.FileUploadUploadMethod;
import app.mobilebackend.api.model.StoredFile;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.error.FieldViolationException;
import app.mobilebackend.core.http.Cursor;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The rules of a user's files, free of HTTP and Lambda: the database keeps each file's metadata, S3 its bytes, which
 * clients send and fetch themselves through short-lived presigned URLs (the bytes never pass through a function).
 */
@Singleton
public final class FileService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final FileRepository repository;
    private final FileObjects objects;
    private final Clock clock;

    FileService(FileRepository repository, FileObjects objects, Clock clock) {
        this.repository = repository;
        this.objects = objects;
        this.clock = clock;
    }

    public FilePage list(String ownerSub, int limit, String cursor) {
        List<FileRow> rows = repository.findPage(ownerSub, Cursor.decode(cursor), limit + 1);
        boolean more = rows.size() > limit;
        List<FileRow> page = more ? rows.subList(0, limit) : rows;
        FilePage result = new FilePage(page.stream().map(FileService::toApi).toList());
        if (more) {
            result.setNextCursor(Cursor.encode(page.get(page.size() - 1).id()));
        }
        return result;
    }

    /** Records the file (bean validation has checked the size and content type) and presigns its upload. */
    public FileUpload create(String ownerSub, FileCreate request) {
        FileNames.problem(request.getName()).ifPresent(problem -> {
            throw new FieldViolationException(List.of(new FieldError("name", problem)));
        });
        FileRow row = repository.save(new FileRow(IDS.generate().toString(), ownerSub, request.getName(),
            request.getContentType(), request.getSize(), clock.instant().truncatedTo(ChronoUnit.MILLIS), null));
        FileObjects.PresignedUrl upload = objects.presignUpload(row);
        return new FileUpload(toApi(row), upload.url(), FileUploadUploadMethod.PUT, upload.headers(), utc(upload.expiresAt()));
    }

    public FileDownload get(String ownerSub, String id) {
        FileRow row = find(ownerSub, id);
        FileObjects.PresignedUrl download = objects.presignDownload(row);
        FileDownload answer = new FileDownload(toApi(row), download.url(), utc(download.expiresAt()));
        if (row.thumbnailKey() != null) {
            answer.setThumbnailUrl(objects.presignThumbnail(row).url());
        }
        return answer;
    }

    /**
     * Deletes the object and its thumbnail (made or not: one may be on its way), then the row: a failure in between
     * leaves a row whose delete can simply be repeated.
     */
    public void delete(String ownerSub, String id) {
        FileRow row = find(ownerSub, id);
        objects.delete(ownerSub, row.id());
        objects.deleteThumbnail(ownerSub, row.id());
        repository.deleteByIdAndOwnerSub(row.id(), ownerSub);
    }

    private FileRow find(String ownerSub, String id) {
        return repository.findByIdAndOwnerSub(id, ownerSub)
            .orElseThrow(() -> ApiException.notFound("No file with id " + id + "."));
    }

    private static OffsetDateTime utc(Instant value) {
        return value.atOffset(ZoneOffset.UTC);
    }

    static StoredFile toApi(FileRow row) {
        return new StoredFile(row.id(), row.name(), row.contentType(), row.size(), utc(row.createdAt()));
    }
}
