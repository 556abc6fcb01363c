package app.mobilebackend.files;

import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The files area's side of thumbnails: which upload still needs one, and recording one once made. The image work is
 * the thumbnails function's; this keeps the keys and the row. Safe under S3's at-least-once events: the thumbnail's
 * key is fixed per file and the row takes it only while it has none, so a duplicate event changes nothing visible.
 */
@Singleton
public final class FileThumbnails {

    private final FileRepository repository;
    private final FileObjects objects;

    FileThumbnails(FileRepository repository, FileObjects objects) {
        this.repository = repository;
        this.objects = objects;
    }

    /** The file uploaded at {@code key} when it is a registered file without a thumbnail yet; empty otherwise. */
    public Optional<FileRow> awaitingThumbnail(String key) {
        return FileObjects.parseUploadKey(key)
            .flatMap(upload -> repository.findByIdAndOwnerSub(upload.fileId(), upload.ownerSub()))
            .filter(row -> row.thumbnailKey() == null);
    }

    /** The uploaded bytes of {@code file}, unless there are more than {@code limit} of them or they are gone. */
    public Optional<byte[]> read(FileRow file, long limit) {
        return objects.readUpload(FileObjects.key(file.ownerSub(), file.id()), limit);
    }

    /**
     * Stores {@code jpeg} as the file's thumbnail and records it on the file's row: true the first time, false when the
     * row had one already (a duplicate event) or is gone (the file was deleted meanwhile: then its thumbnail goes too).
     */
    public boolean record(FileRow file, byte[] jpeg) {
        String key = FileObjects.thumbnailKey(file.ownerSub(), file.id());
        objects.putThumbnail(key, jpeg);
        if (repository.recordThumbnail(file.id(), file.ownerSub(), key) == 1) {
            return true;
        }
        if (repository.findByIdAndOwnerSub(file.id(), file.ownerSub()).isEmpty()) {
            objects.deleteThumbnail(file.ownerSub(), file.id());
        }
        return false;
    }
}
