package app.mobilebackend.outbox;

/**
 * The EventBridge {@code source} of each event type the outbox carries: the area that reports it. Rules on the bus
 * match on source and detail-type (the type), so a consumer of one area's events never sees another's.
 */
public final class EventSources {

    /** Orders: {@code OrderPlaced}, {@code OrderStatusChanged}. */
    public static final String ORDERS = "mobile-backend.orders";
    /** Identity: {@link #WELCOME_MAIL_REQUESTED}. */
    public static final String IDENTITY = "mobile-backend.identity";
    /** A new user is to be welcomed by mail; sent from outside the VPC (the welcome-mail function). */
    public static final String WELCOME_MAIL_REQUESTED = "WelcomeMailRequested";

    private EventSources() {
    }

    /** The source of events of {@code type}. */
    public static String of(String type) {
        return WELCOME_MAIL_REQUESTED.equals(type) ? IDENTITY : ORDERS;
    }
}
