package app.mobilebackend.files;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Upload keys read back into their owner and file id, and every other key refused (the thumbnails function's input). */
class FileObjectsTest {

    private static final String FILE_ID = "01937a2c-1f00-7c3e-8a10-5b6d7e8f9a0b";

    @Test
    void readsTheOwnerAndIdBackFromAnUploadKey() {
        for (String sub : List.of("3f1c9a2e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "a/b+c d", "ü%..", "user@example.com")) {
            assertEquals(Optional.of(new FileObjects.UploadKey(sub, FILE_ID)), FileObjects.parseUploadKey(FileObjects.key(sub, FILE_ID)), sub);
        }
    }

    @Test
    void refusesEveryOtherKey() {
        for (String key : List.of("thumbnails/sub/id.jpg", "users/sub", "users/sub/", "users//id", "users/sub/a/b",
            "users/a b/id", "users/%zz/id", "other/users/sub/id", "")) {
            assertEquals(Optional.empty(), FileObjects.parseUploadKey(key), key);
        }
    }

    @Test
    void keepsThumbnailsUnderTheirOwnPrefix() {
        assertEquals("thumbnails/a%2Fb/f1.jpg", FileObjects.thumbnailKey("a/b", "f1"));
        assertEquals("users/a%2Fb/f1", FileObjects.key("a/b", "f1"));
    }
}
