package app.mobilebackend.functions.thumbnails;

import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileDownload;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.files.FileObjects;
import app.mobilebackend.files.FileService;
import app.mobilebackend.localstack.aws.PresignedRequests;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.TestUser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thumbnails function through its handler, with S3's own EventBridge event JSON, against the S3 stand-in and the
 * test database: files are registered with the files area and uploaded through their presigned URLs, as an app does.
 */
class ThumbnailsFunctionTest {

    private static ThumbnailsFunction function;
    private static FileService files;
    private static S3Client s3;
    private static JsonMapper json;

    @BeforeAll
    static void startHandler() {
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.putAll(S3StandIn.shared().properties());
        function = new ThumbnailsFunction(ApplicationContext.builder().properties(properties).build());
        files = function.getApplicationContext().getBean(FileService.class);
        s3 = function.getApplicationContext().getBean(S3Client.class);
        json = function.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void makesAThumbnailOfAPngAndGetFileAnswersItsUrl() {
        TestUser user = TestUser.fresh();
        byte[] png = TestImages.encode(TestImages.halves(600, 300, Color.RED, Color.BLUE), "png");
        String id = upload(user, "photo.png", "image/png", png);
        assertNull(files.get(user.sub(), id).getThumbnailUrl(), "no thumbnail before the event");

        assertEquals("MADE", handle(objectCreated(FileObjects.key(user.sub(), id))));

        FileDownload download = files.get(user.sub(), id);
        assertNotNull(download.getThumbnailUrl());
        assertEquals("/" + S3StandIn.BUCKET + "/thumbnails/" + user.sub() + "/" + id + ".jpg",
            URI.create(download.getThumbnailUrl()).getPath());
        var fetched = PresignedRequests.get(download.getThumbnailUrl());
        assertEquals(200, fetched.statusCode());
        assertEquals("image/jpeg", fetched.headers().firstValue("Content-Type").orElseThrow());
        BufferedImage thumbnail = decode(fetched.body());
        assertEquals(256, thumbnail.getWidth());
        assertEquals(128, thumbnail.getHeight());
        assertColor(Color.RED, thumbnail.getRGB(128, 20));
        assertColor(Color.BLUE, thumbnail.getRGB(128, 108));
    }

    @Test
    void turnsAJpegUprightAsItsExifOrientationSays() {
        TestUser user = TestUser.fresh();
        // Stored 800 x 400, red on top; orientation 6: shown turned a quarter clockwise, 400 x 800, red on the right.
        byte[] jpeg = TestImages.withExifOrientation(
            TestImages.encode(TestImages.halves(800, 400, Color.RED, Color.BLUE), "jpeg"), 6);
        String id = upload(user, "IMG_0001.JPG", "image/jpeg", jpeg);

        assertEquals("MADE", handle(objectCreated(FileObjects.key(user.sub(), id))));

        BufferedImage thumbnail = decode(PresignedRequests.get(files.get(user.sub(), id).getThumbnailUrl()).body());
        assertEquals(128, thumbnail.getWidth());
        assertEquals(256, thumbnail.getHeight());
        assertColor(Color.BLUE, thumbnail.getRGB(20, 128));
        assertColor(Color.RED, thumbnail.getRGB(108, 128));
    }

    @Test
    void keepsASmallImageItsOwnSize() {
        TestUser user = TestUser.fresh();
        String id = upload(user, "icon.jpg", "image/jpeg", TestImages.encode(TestImages.halves(100, 60, Color.RED, Color.BLUE), "jpeg"));

        assertEquals("MADE", handle(objectCreated(FileObjects.key(user.sub(), id))));

        BufferedImage thumbnail = decode(PresignedRequests.get(files.get(user.sub(), id).getThumbnailUrl()).body());
        assertEquals(100, thumbnail.getWidth());
        assertEquals(60, thumbnail.getHeight());
    }

    @Test
    void aDuplicateEventChangesNothing() {
        TestUser user = TestUser.fresh();
        String id = upload(user, "photo.png", "image/png", TestImages.encode(TestImages.halves(300, 300, Color.RED, Color.BLUE), "png"));
        Map<String, Object> event = objectCreated(FileObjects.key(user.sub(), id));
        assertEquals("MADE", handle(event));
        S3Object before = thumbnails(user).get(0);

        assertEquals("NOTHING_TO_DO", handle(event));

        List<S3Object> after = thumbnails(user);
        assertEquals(1, after.size());
        assertEquals(before.lastModified(), after.get(0).lastModified(), "the thumbnail was not written again");
        assertEquals(before.eTag(), after.get(0).eTag());
    }

    @Test
    void twoDeliveriesAtOnceRecordOneThumbnail() {
        TestUser user = TestUser.fresh();
        String id = upload(user, "photo.png", "image/png", TestImages.encode(TestImages.halves(300, 200, Color.RED, Color.BLUE), "png"));
        Map<String, Object> event = objectCreated(FileObjects.key(user.sub(), id));

        var first = CompletableFuture.supplyAsync(() -> handle(event));
        var second = CompletableFuture.supplyAsync(() -> handle(event));

        List<String> outcomes = List.of(first.join(), second.join());
        assertEquals(1, outcomes.stream().filter("MADE"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter("NOTHING_TO_DO"::equals).count(), outcomes.toString());
        assertEquals(List.of(FileObjects.thumbnailKey(user.sub(), id)), thumbnails(user).stream().map(S3Object::key).toList());
    }

    @Test
    @Timeout(60)   // a guard against a hang, not a measure of speed
    void refusesAPngPixelBombBeforeDecodingIt() {
        TestUser user = TestUser.fresh();
        byte[] bomb = TestImages.pngClaiming(50_000, 50_000);
        String id = upload(user, "bomb.png", "image/png", bomb);

        assertEquals("SKIPPED", handle(objectCreated(FileObjects.key(user.sub(), id))));

        assertNull(files.get(user.sub(), id).getThumbnailUrl());
        assertTrue(thumbnails(user).isEmpty());
        assertEquals(new ThumbnailMaker.Skipped("too many pixels: 50000 x 50000 (at most 50000000)"), new ThumbnailMaker().make(bomb));
    }

    @Test
    @Timeout(60)   // a guard against a hang, not a measure of speed
    void refusesAJpegPixelBombBeforeDecodingIt() {
        TestUser user = TestUser.fresh();
        byte[] bomb = TestImages.jpegClaiming(50_000, 50_000);
        String id = upload(user, "bomb.jpg", "image/jpeg", bomb);

        assertEquals("SKIPPED", handle(objectCreated(FileObjects.key(user.sub(), id))));

        assertNull(files.get(user.sub(), id).getThumbnailUrl());
        assertEquals(new ThumbnailMaker.Skipped("too many pixels: 50000 x 50000 (at most 50000000)"), new ThumbnailMaker().make(bomb));
    }

    @Test
    @Timeout(60)   // a guard against a hang, not a measure of speed
    void survivesATruncatedJpeg() {
        TestUser user = TestUser.fresh();
        BufferedImage noise = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(18);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        byte[] jpeg = TestImages.encode(noise, "jpeg");
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);
        String id = upload(user, "cut.jpg", "image/jpeg", truncated);

        String outcome = handle(objectCreated(FileObjects.key(user.sub(), id)));

        assertEquals(outcome.equals("MADE"), files.get(user.sub(), id).getThumbnailUrl() != null, outcome);
        assertEquals(TRUNCATED_JPEG_OUTCOME, outcome);
    }

    /** What the JPEG reader makes of a file cut short: the rows it has, the rest grey, as libjpeg does. */
    private static final String TRUNCATED_JPEG_OUTCOME = "MADE";

    @Test
    void skipsWhatIsNoImage() {
        TestUser user = TestUser.fresh();
        String text = upload(user, "notes.txt", "text/plain", "not a picture".getBytes(StandardCharsets.UTF_8));
        byte[] corrupt = TestImages.encode(TestImages.halves(50, 50, Color.RED, Color.BLUE), "png");
        Arrays.fill(corrupt, 33, corrupt.length, (byte) 0x5A);   // the signature and IHDR stay, the rest is garbage
        String broken = upload(user, "broken.png", "image/png", corrupt);
        String tiff = upload(user, "scan.tiff", "image/tiff", TestImages.encode(TestImages.halves(50, 50, Color.RED, Color.BLUE), "tiff"));

        assertEquals("SKIPPED", handle(objectCreated(FileObjects.key(user.sub(), text))));
        assertEquals("SKIPPED", handle(objectCreated(FileObjects.key(user.sub(), broken))));
        assertEquals("SKIPPED", handle(objectCreated(FileObjects.key(user.sub(), tiff))));

        assertTrue(thumbnails(user).isEmpty());
        assertNull(files.get(user.sub(), text).getThumbnailUrl());
    }

    @Test
    void skipsAnObjectLargerThanAnyUploadWithoutReadingIt() {
        TestUser user = TestUser.fresh();
        String id = upload(user, "photo.png", "image/png", TestImages.encode(TestImages.halves(100, 100, Color.RED, Color.BLUE), "png"));
        // Written past the API (which presigns at most 10 MiB): the function reads no more than an upload can be.
        byte[] large = new byte[(int) UploadThumbnails.MAX_BYTES + 1];
        s3.putObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.key(user.sub(), id)), RequestBody.fromBytes(large));

        assertEquals("SKIPPED", handle(objectCreated(FileObjects.key(user.sub(), id))));

        assertNull(files.get(user.sub(), id).getThumbnailUrl());
    }

    @Test
    void leavesKeysThatAreNoRegisteredFileAlone() {
        TestUser user = TestUser.fresh();

        assertEquals("NOTHING_TO_DO", handle(objectCreated(FileObjects.key(user.sub(), UUID.randomUUID().toString()))));
        assertEquals("NOTHING_TO_DO", handle(objectCreated("thumbnails/" + user.sub() + "/x.jpg")));
        assertEquals("NOTHING_TO_DO", handle(objectCreated("users/" + user.sub() + "/a/b")));
    }

    @Test
    void ignoresEventsThatAreNotObjectCreated() {
        assertEquals("IGNORED", handle(Map.of("source", "aws.s3", "detail-type", "Object Deleted",
            "detail", Map.of("object", Map.of("key", "users/x/y")))));
        assertEquals("IGNORED", handle(Map.of("source", "someone", "detail-type", "Object Created",
            "detail", Map.of("object", Map.of("key", "users/x/y")))));
        assertEquals("IGNORED", handle(Map.of("detail-type", "Object Created")));
    }

    @Test
    void deletingTheFileDeletesItsThumbnail() {
        TestUser user = TestUser.fresh();
        String id = upload(user, "photo.png", "image/png", TestImages.encode(TestImages.halves(300, 200, Color.RED, Color.BLUE), "png"));
        assertEquals("MADE", handle(objectCreated(FileObjects.key(user.sub(), id))));

        files.delete(user.sub(), id);

        assertTrue(thumbnails(user).isEmpty());
    }

    private static String handle(Map<String, Object> event) {
        return (String) function.handleRequest(event, new MockLambdaContext()).get("outcome");
    }

    /** S3's Object Created event as EventBridge delivers it (the shape S3's EventBridge documentation shows). */
    private static Map<String, Object> objectCreated(String key) {
        String text = """
            {
              "version": "0",
              "id": "%s",
              "detail-type": "Object Created",
              "source": "aws.s3",
              "account": "123456789012",
              "time": "2026-12-04T16:00:00Z",
              "region": "eu-west-1",
              "resources": ["arn:aws:s3:::%s"],
              "detail": {
                "version": "0",
                "bucket": {"name": "%s"},
                "object": {"key": "%s", "size": 1024, "etag": "b1946ac92492d2347c6235b4d2611184", "sequencer": "617f08299329d189"},
                "request-id": "N4N7GDK58NMKJ12R",
                "requester": "123456789012",
                "source-ip-address": "198.51.100.7",
                "reason": "PutObject"
              }
            }""".formatted(UUID.randomUUID(), S3StandIn.BUCKET, S3StandIn.BUCKET, key);
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String upload(TestUser user, String name, String contentType, byte[] bytes) {
        FileUpload upload = files.create(user.sub(), new FileCreate(name, contentType, (long) bytes.length));
        assertEquals(200, PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), bytes).statusCode());
        return upload.getFile().getId();
    }

    private static List<S3Object> thumbnails(TestUser user) {
        return s3.listObjectsV2(request -> request.bucket(S3StandIn.BUCKET).prefix(FileObjects.thumbnailPrefix(user.sub()))).contents();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Near {@code expected}: JPEG's compression moves colours a little. */
    private static void assertColor(Color expected, int rgb) {
        Color actual = new Color(rgb);
        int distance = Math.abs(actual.getRed() - expected.getRed()) + Math.abs(actual.getGreen() - expected.getGreen())
            + Math.abs(actual.getBlue() - expected.getBlue());
        assertTrue(distance < 60, "expected about " + expected + ", got " + actual);
    }
}
