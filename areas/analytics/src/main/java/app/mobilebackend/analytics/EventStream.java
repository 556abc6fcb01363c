package app.mobilebackend.analytics;

import java.util.List;

/** The stream app events are put on (Kinesis in the functions). */
public interface EventStream {

    /**
     * Puts every record on the stream, or throws {@link AnalyticsUnavailableException} naming how many are not on it
     * (some may be: the caller sends the batch again).
     */
    void put(List<StreamRecord> records);
}
