package app.mobilebackend.push;

/** The push service did not answer or asked to be retried later (throttling, a 5xx): nothing was changed here. */
public final class PushUnavailableException extends RuntimeException {

    public PushUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
