package app.mobilebackend.devserver;

import app.mobilebackend.functions.thumbnails.UploadThumbnails;
import app.mobilebackend.localstack.aws.S3StandIn;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Thumbnails locally: the S3 stand-in reports every object created, and an upload's key (under {@code users/}, as the
 * EventBridge rule filters in AWS) goes to the thumbnails function's {@link UploadThumbnails} on a thread of its own,
 * as EventBridge invokes the function asynchronously. Upload a photo through its presigned URL and, a moment later,
 * {@code GET /files/{id}} answers its {@code thumbnailUrl}.
 */
final class DevThumbnails implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevThumbnails.class);

    private final ExecutorService worker;

    private DevThumbnails(ExecutorService worker) {
        this.worker = worker;
    }

    static DevThumbnails start(S3StandIn s3, ApplicationContext context) {
        UploadThumbnails thumbnails = context.getBean(UploadThumbnails.class);
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "thumbnails");
            thread.setDaemon(true);
            return thread;
        });
        s3.onObjectCreated(key -> {
            if (key.startsWith("users/") && !worker.isShutdown()) {
                worker.execute(() -> {
                    try {
                        thumbnails.handle(key);
                    } catch (RuntimeException e) {
                        LOG.warn("Thumbnail of {} failed (in AWS, Lambda would retry the event)", key, e);
                    }
                });
            }
        });
        return new DevThumbnails(worker);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
