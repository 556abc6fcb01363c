package app.mobilebackend.localstack.aws;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * An S3-compatible server on a free loopback port (s3proxy, in memory or on disk), for tests and the dev server:
 * the real AWS SDK v2 talks its real wire protocol to it, and it checks Signature V4, presigned URLs included.
 * Path-style addressing; two buckets, {@link #BUCKET} (user files) and {@link #UPDATES_BUCKET} (app updates). Test and
 * dev scope only, never in a Lambda jar.
 */
public final class S3StandIn implements AutoCloseable {

    public static final String BUCKET = "mobile-backend-files";
    /** The app updates' bucket: manifests under {@code updates/manifests/}, builds under {@code updates/<platform>/<version>/}. */
    public static final String UPDATES_BUCKET = "mobile-backend-updates";
    /** The made-up CDN domain of the updates' URLs here (nothing serves it). */
    public static final String UPDATES_CDN_DOMAIN = "updates.dev.invalid";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "local-access-key";
    public static final String SECRET_ACCESS_KEY = "local-secret-key";

    private static S3StandIn shared;

    private final BlobStoreContext blobStores;
    private final S3Proxy server;

    private S3StandIn(BlobStoreContext blobStores, S3Proxy server) {
        this.blobStores = blobStores;
        this.server = server;
    }

    /** One in-memory server for the whole test JVM. */
    public static synchronized S3StandIn shared() {
        if (shared == null) {
            shared = inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A fresh server whose objects live in memory and end with it. */
    public static S3StandIn inMemory() {
        return start(ContextBuilder.newBuilder(new TransientApiMetadata()));
    }

    /** A server whose objects live in {@code directory}, so they survive a restart (the dev server's). */
    public static S3StandIn onDisk(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        return start(ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(overrides));
    }

    // Blob stores named by their metadata, not by id: a lookup by id loads every provider on the class path, and
    // s3proxy's Azure ones need the Azure SDK, which stays out.
    private static S3StandIn start(ContextBuilder blobStore) {
        BlobStoreContext context = blobStore.credentials("identity", "credential").build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, BUCKET);
        store.createContainerInLocation(null, UPDATES_BUCKET);
        S3Proxy server = S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            // The SDK's newer checksum headers (x-amz-checksum-crc32 on DeleteObjects), which s3proxy does not know.
            .ignoreUnknownHeaders(true)
            .build();
        try {
            server.start();
            while (!AbstractLifeCycle.STARTED.equals(server.getState())) {
                if (AbstractLifeCycle.FAILED.equals(server.getState())) {
                    throw new IllegalStateException("s3proxy did not start");
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("Cannot start the S3 stand-in", e);
        }
        return new S3StandIn(context, server);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The configuration that points the files and updates functions at this server and its buckets. */
    public Map<String, Object> properties() {
        return Map.of(
            "files.bucket", BUCKET,
            "updates.bucket", UPDATES_BUCKET,
            "updates.cdn-domain", UPDATES_CDN_DOMAIN,
            "aws.s3.endpoint", endpoint(),
            "aws.s3.region", REGION,
            "aws.s3.access-key-id", ACCESS_KEY_ID,
            "aws.s3.secret-access-key", SECRET_ACCESS_KEY);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the S3 stand-in", e);
        } finally {
            blobStores.close();
        }
    }
}
