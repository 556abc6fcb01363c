package app.mobilebackend.devserver;

import app.mobilebackend.localstack.aws.S3StandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The files functions' S3 in the dev server: an S3-compatible server on loopback whose objects live in
 * {@code <data dir>/s3}, so uploaded files survive a restart like the database does; in memory if that folder
 * cannot hold them. Presigned URLs point at it, so curl can upload and download as an app would.
 */
final class LocalS3 {

    private static final Logger LOG = LoggerFactory.getLogger(LocalS3.class);

    private LocalS3() {
    }

    static S3StandIn start(Path dataDir) {
        Path directory = dataDir.resolve("s3");
        try {
            S3StandIn s3 = S3StandIn.onDisk(directory);
            LOG.info("S3 stand-in on {} (bucket {}, objects in {})", s3.endpoint(), S3StandIn.BUCKET, directory);
            return s3;
        } catch (RuntimeException e) {
            LOG.warn("Cannot keep S3 objects in {} ({}); they live in memory until the dev server stops", directory, e.toString());
            return S3StandIn.inMemory();
        }
    }
}
