package app.mobilebackend.core.http;

import app.mobilebackend.core.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the last id of a page, base64url-encoded so clients do not build them. */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /** The id to continue after; the empty string (before every id) for the first page. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (id.isEmpty() || id.length() > 64) {
                throw new IllegalArgumentException("cursor out of range");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The cursor is not one this API issued.");
        }
    }
}
