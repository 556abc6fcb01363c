package app.mobilebackend.push;

/** The push service refused a device token (not one of its platform's tokens). */
public final class InvalidPushTokenException extends RuntimeException {

    public InvalidPushTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
