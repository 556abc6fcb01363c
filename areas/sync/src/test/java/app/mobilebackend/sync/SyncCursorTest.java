package app.mobilebackend.sync;

import app.mobilebackend.core.error.FieldViolationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyncCursorTest {

    @Test
    void readsBackWhatItWrote() {
        SyncCursor cursor = new SyncCursor("01936f0e-8c8a-7b4e-9d6a-3f2b1c0d9e8f", 42, 45);

        assertEquals(cursor, SyncCursor.decode(cursor.encode()));
    }

    @Test
    void isTheSpecsExample() {
        assertEquals("djEuMDE5MzZmMGUtOGM4YS03YjRlLTlkNmEtM2YyYjFjMGQ5ZThmLjQyLjQy",
            new SyncCursor("01936f0e-8c8a-7b4e-9d6a-3f2b1c0d9e8f", 42, 42).encode());
    }

    @Test
    void refusesWhatItDidNotIssueNamingSince() {
        for (String since : List.of("not base64!", "bm90LWEtY3Vyc29y", "v2.log.1.1", "v1..1.1", "v1.log.-1.0", "v1.log.5.4",
            "v1.log.x.1", "v1.log.1.1.1")) {
            String encoded = since.startsWith("v") ? Base64.getUrlEncoder().withoutPadding().encodeToString(since.getBytes(StandardCharsets.UTF_8)) : since;

            FieldViolationException refused = assertThrows(FieldViolationException.class, () -> SyncCursor.decode(encoded), since);

            assertEquals("since", refused.errors().get(0).getField(), since);
        }
    }
}
