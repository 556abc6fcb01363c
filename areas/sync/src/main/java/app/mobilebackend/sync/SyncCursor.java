package app.mobilebackend.sync;

import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.core.error.FieldViolationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Where a device is in its change log: which log ({@code logId}, new after an erasure), the seq it has read up to
 * ({@code after}), and the seq at or below which it needs no tombstone ({@code tombstonesAfter}: where its snapshot
 * began; equal to {@code after} once it has read past that). Opaque to clients: base64url of
 * {@code v1.<logId>.<after>.<tombstonesAfter>}.
 */
record SyncCursor(String logId, long after, long tombstonesAfter) {

    private static final String VERSION = "v1";

    String encode() {
        String plain = VERSION + "." + logId + "." + after + "." + tombstonesAfter;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static SyncCursor decode(String since) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(since), StandardCharsets.UTF_8).split("\\.", -1);
            if (parts.length == 4 && parts[0].equals(VERSION) && !parts[1].isEmpty()) {
                long after = Long.parseLong(parts[2]);
                long tombstonesAfter = Long.parseLong(parts[3]);
                if (after >= 0 && tombstonesAfter >= after) {
                    return new SyncCursor(parts[1], after, tombstonesAfter);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through: not a cursor of ours (NumberFormatException is one too)
        }
        throw new FieldViolationException(List.of(new FieldError("since", "is not a cursor this API issued; sync again without since")));
    }
}
