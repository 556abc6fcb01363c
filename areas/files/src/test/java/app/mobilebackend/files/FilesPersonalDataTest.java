package app.mobilebackend.files;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FileUpload;
import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.api.model.StoredFile;
import app.mobilebackend.localstack.aws.PresignedRequests;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files area's share of the GDPR export and erasure ({@code PersonalData}), against the S3 stand-in. */
class FilesPersonalDataTest {

    private static LocalFunction function;
    private static FileService files;
    private static FilesPersonalData personalData;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        function = LocalFunction.start(S3StandIn.shared().properties());
        files = function.context().getBean(FileService.class);
        personalData = function.context().getBean(FilesPersonalData.class);
        s3 = function.context().getBean(S3Client.class);
    }

    @AfterAll
    static void close() {
        function.close();
    }

    @Test
    void exportsEveryFilesMetadataOldestFirst() {
        TestUser user = TestUser.fresh();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(files.create(user.sub(), new FileCreate("f" + i + ".txt", "text/plain", 10L + i)).getFile().getId());
        }
        files.create(TestUser.fresh().sub(), new FileCreate("other.txt", "text/plain", 1L));
        DataExport export = emptyExport();

        personalData.export(user.sub(), export);

        assertEquals(ids, export.getFiles().stream().map(StoredFile::getId).toList());
        assertEquals("f2.txt", export.getFiles().get(2).getName());
        assertEquals(12L, export.getFiles().get(2).getSize());
    }

    @Test
    void erasesEveryObjectUnderTheUsersPrefixesAndEveryRowAndNothingElse() {
        TestUser user = TestUser.fresh();
        TestUser other = TestUser.fresh();
        for (int i = 0; i < 3; i++) {
            upload(user, "mine-" + i + ".txt");
        }
        // An object whose row is already gone (a crash between the two deletes) is erased too.
        s3.putObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.key(user.sub(), "orphan")),
            RequestBody.fromString("orphan"));
        // And the thumbnails, under their own prefix.
        s3.putObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.thumbnailKey(user.sub(), "photo")),
            RequestBody.fromString("jpeg"));
        String kept = upload(other, "theirs.txt");
        s3.putObject(request -> request.bucket(S3StandIn.BUCKET).key(FileObjects.thumbnailKey(other.sub(), kept)),
            RequestBody.fromString("jpeg"));

        personalData.erase(user.sub());

        assertTrue(objects(user.sub()).isEmpty());
        assertTrue(thumbnails(user.sub()).isEmpty());
        assertEquals(List.of(FileObjects.thumbnailKey(other.sub(), kept)), thumbnails(other.sub()));
        assertTrue(files.list(user.sub(), 10, null).getItems().isEmpty());
        assertEquals(List.of(FileObjects.key(other.sub(), kept)), objects(other.sub()));
        assertEquals(kept, files.list(other.sub(), 10, null).getItems().get(0).getId());

        personalData.erase(user.sub());   // again: nothing left, still fine
        assertTrue(objects(user.sub()).isEmpty());
    }

    @Test
    void exportOfUserWithoutFilesIsEmpty() {
        DataExport export = emptyExport();

        personalData.export(TestUser.fresh().sub(), export);

        assertTrue(export.getFiles().isEmpty());
    }

    private static DataExport emptyExport() {
        return new DataExport("someone", OffsetDateTime.now(), List.of(), new Preferences(java.util.Map.of(), 0L), List.of(), List.of(), List.of());
    }

    private static String upload(TestUser user, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        FileUpload upload = files.create(user.sub(), new FileCreate(name, "text/plain", (long) bytes.length));
        assertEquals(200, PresignedRequests.put(upload.getUploadUrl(), upload.getUploadHeaders(), bytes).statusCode());
        return upload.getFile().getId();
    }

    private static List<String> thumbnails(String sub) {
        return s3.listObjectsV2(request -> request.bucket(S3StandIn.BUCKET).prefix(FileObjects.thumbnailPrefix(sub)))
            .contents().stream().map(object -> object.key()).toList();
    }

    private static List<String> objects(String sub) {
        return s3.listObjectsV2(request -> request.bucket(S3StandIn.BUCKET).prefix(FileObjects.prefix(sub)))
            .contents().stream().map(object -> object.key()).toList();
    }
}
