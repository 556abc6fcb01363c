package app.mobilebackend.analytics;

/** The stream kept refusing some records of a batch (throughput exceeded, a failure on its side): try again later. */
public final class AnalyticsUnavailableException extends RuntimeException {

    public AnalyticsUnavailableException(String message) {
        super(message);
    }

    public AnalyticsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
