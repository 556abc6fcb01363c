package app.mobilebackend.core.http;

import app.mobilebackend.core.error.ApiException;

import java.util.function.LongSupplier;

/** Versions as entity tags: version 3 is {@code "3"}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether an {@code If-None-Match} value names this version (or is {@code *}). */
    public static boolean matches(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(of(version)) || t.equals("W/" + of(version))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version an {@code If-Match} header names: 428 when there is none. A value that names no version
     * cannot match the current one, so it is a stale precondition (412). {@code *} matches any current
     * representation (RFC 9110, section 13.1.1): it names the version {@code currentVersion} finds, which answers
     * 404 itself when there is no resource.
     */
    public static long requiredVersion(String ifMatch, LongSupplier currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiException.preconditionRequired("This operation requires an If-Match header with the current ETag.");
        }
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return currentVersion.getAsLong();
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through: not one of our tags
        }
        throw ApiException.preconditionFailed("If-Match " + ifMatch.trim() + " is not a version of this resource.");
    }
}
