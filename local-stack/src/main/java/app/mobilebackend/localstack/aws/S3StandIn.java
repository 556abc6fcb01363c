package app.mobilebackend.localstack.aws;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.filesystem.FilesystemApiMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An S3-compatible server on a free loopback port (s3proxy, in memory or on disk), for tests and the dev server:
 * the real AWS SDK v2 talks its real wire protocol to it, and it checks Signature V4, presigned URLs included.
 * Path-style addressing; two buckets, {@link #BUCKET} (user files) and {@link #UPDATES_BUCKET} (app updates). Like
 * S3's event notifications, it tells listeners the key of each object created ({@link #onObjectCreated}). Test and dev
 * scope only, never in a Lambda jar.
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
    private final List<Consumer<String>> objectCreated;

    private S3StandIn(BlobStoreContext blobStores, S3Proxy server, List<Consumer<String>> objectCreated) {
        this.blobStores = blobStores;
        this.server = server;
        this.objectCreated = objectCreated;
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
        List<Consumer<String>> objectCreated = new CopyOnWriteArrayList<>();
        S3Proxy server = S3Proxy.builder()
            .blobStore(new ObjectCreatedEvents(store, objectCreated))
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
        return new S3StandIn(context, server, objectCreated);
    }

    /**
     * Calls {@code listener} with the key of every object written from now on (a PUT, presigned or not, a copy, a
     * completed multipart upload), once it is stored, on the thread that stored it: what S3 reports as
     * {@code Object Created}. A listener that does more than note the key should hand it to a thread of its own.
     */
    public S3StandIn onObjectCreated(Consumer<String> listener) {
        objectCreated.add(listener);
        return this;
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

    /** The blob store behind s3proxy, telling the listeners each key it has stored. */
    private static final class ObjectCreatedEvents extends ForwardingBlobStore {

        private final List<Consumer<String>> listeners;

        ObjectCreatedEvents(BlobStore store, List<Consumer<String>> listeners) {
            super(store);
            this.listeners = listeners;
        }

        @Override
        public String putBlob(String container, Blob blob) {
            return created(super.putBlob(container, blob), blob.getMetadata().getName());
        }

        @Override
        public String putBlob(String container, Blob blob, PutOptions options) {
            return created(super.putBlob(container, blob, options), blob.getMetadata().getName());
        }

        @Override
        public String copyBlob(String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
            return created(super.copyBlob(fromContainer, fromName, toContainer, toName, options), toName);
        }

        @Override
        public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
            return created(super.completeMultipartUpload(upload, parts), upload.blobName());
        }

        private String created(String etag, String key) {
            listeners.forEach(listener -> listener.accept(key));
            return etag;
        }
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
