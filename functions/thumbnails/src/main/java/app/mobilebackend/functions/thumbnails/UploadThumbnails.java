package app.mobilebackend.functions.thumbnails;

import app.mobilebackend.files.FileRow;
import app.mobilebackend.files.FileThumbnails;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * One upload's thumbnail, from its S3 key to the file's row: the file must be registered and still without a
 * thumbnail, its object at most {@link #MAX_BYTES} (the largest upload the API presigns), its bytes an image
 * {@link ThumbnailMaker} can make one of. Whatever cannot get a thumbnail is logged with the reason and left alone:
 * retrying would give the same answer. Only infrastructure failures (S3, the database) throw, so Lambda retries those.
 */
@Singleton
public final class UploadThumbnails {

    /** The largest upload the API presigns (FileCreate.size's maximum, 10 MiB). */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UploadThumbnails.class);

    /** What one event came to. */
    public enum Outcome {
        /** The thumbnail was written and recorded on the file's row. */
        MADE,
        /** The file has its thumbnail already (a duplicate event), or is not a registered file (no row, not an upload). */
        NOTHING_TO_DO,
        /** Not made: not an image, too large, unreadable; the log says why. */
        SKIPPED
    }

    private final FileThumbnails files;
    private final ThumbnailMaker maker;

    UploadThumbnails(FileThumbnails files, ThumbnailMaker maker) {
        this.files = files;
        this.maker = maker;
    }

    public Outcome handle(String key) {
        Optional<FileRow> awaiting = files.awaitingThumbnail(key);
        if (awaiting.isEmpty()) {
            LOG.info("{}: no registered file awaiting a thumbnail", key);
            return Outcome.NOTHING_TO_DO;
        }
        FileRow file = awaiting.get();
        Optional<byte[]> bytes = files.read(file, MAX_BYTES);
        if (bytes.isEmpty()) {
            LOG.warn("{}: skipped: gone, or more than {} bytes", key, MAX_BYTES);
            return Outcome.SKIPPED;
        }
        ThumbnailMaker.Result result = maker.make(bytes.get());
        if (result instanceof ThumbnailMaker.Skipped skipped) {
            LOG.warn("{}: skipped: {}", key, skipped.reason());
            return Outcome.SKIPPED;
        }
        ThumbnailMaker.Thumbnail thumbnail = (ThumbnailMaker.Thumbnail) result;
        if (!files.record(file, thumbnail.jpeg())) {
            LOG.info("{}: thumbnail recorded by another delivery of the event, or the file was deleted", key);
            return Outcome.NOTHING_TO_DO;
        }
        LOG.info("{}: thumbnail {} x {} ({} bytes)", key, thumbnail.width(), thumbnail.height(), thumbnail.jpeg().length);
        return Outcome.MADE;
    }
}
