package app.mobilebackend.identity.legacy;

/** Why the legacy system did not hand over a user. Its message is safe to show: it never carries the system's answer. */
public final class LegacyAuthException extends RuntimeException {

    /** What went wrong, as far as the caller needs to know. */
    public enum Reason {
        /** The legacy system knows the user but not with this password. */
        WRONG_PASSWORD,
        /** The legacy system has no such user. */
        UNKNOWN_USER,
        /** The legacy system did not answer, or answered something unexpected. */
        UNAVAILABLE
    }

    private final Reason reason;

    LegacyAuthException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
