package app.mobilebackend.analytics;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Firehose's transform does with each record before it is stored for the reports: it keeps the fields a
 * stream record has ({@link AnalyticsService}) and drops any other, removes the properties that are personal data
 * or break the schema ({@link EventRules}), adds {@code receivedAt} (when Kinesis received the record), and ends the
 * record with a newline (one JSON document a line, as Athena reads them).
 * <ul>
 *   <li>{@link Result#OK}: the cleansed record is stored;</li>
 *   <li>{@link Result#DROPPED}: a valid event that happened more than 30 days before it was received, or more than a
 *       day after (a device clock that is wrong): not worth a report nor an error;</li>
 *   <li>{@link Result#PROCESSING_FAILED}: not an event at all (no JSON object, no pseudonymous id, a bad name or
 *       timestamp): Firehose stores it as it came under the error prefix, for someone to look at.</li>
 * </ul>
 */
@Singleton
public final class EventCleanser {

    static final Duration OLDEST = Duration.ofDays(30);
    static final Duration FUTURE = Duration.ofDays(1);
    public static final String RECEIVED_AT = "receivedAt";

    /** The outcome Firehose expects for each record. */
    public enum Result { OK, DROPPED, PROCESSING_FAILED }

    /** The outcome for one record, with the data to store when {@link Result#OK}, and why otherwise. */
    public record Cleansed(Result result, byte[] data, String reason) {
    }

    private final JsonMapper json;

    EventCleanser(JsonMapper json) {
        this.json = json;
    }

    /** Cleanses one stream record's {@code data}, which Kinesis received at {@code receivedAt}. */
    public Cleansed cleanse(byte[] data, Instant receivedAt) {
        Map<String, Object> event;
        try {
            event = json.readValue(data, Map.class);
        } catch (IOException | RuntimeException e) {
            return failed(data, "not a JSON object");
        }
        if (event == null) {
            return failed(data, "not a JSON object");
        }
        if (!(event.get(AnalyticsService.PSEUDONYMOUS_ID) instanceof String id) || id.isBlank()) {
            return failed(data, "no pseudonymous id");
        }
        if (!(event.get(AnalyticsService.NAME) instanceof String name) || !EventRules.validName(name)) {
            return failed(data, "no valid name");
        }
        Instant happened;
        try {
            happened = event.get(AnalyticsService.TIMESTAMP) instanceof String timestamp ? Instant.parse(timestamp) : null;
        } catch (DateTimeParseException e) {
            happened = null;
        }
        if (happened == null) {
            return failed(data, "no valid timestamp");
        }
        if (happened.isBefore(receivedAt.minus(OLDEST)) || happened.isAfter(receivedAt.plus(FUTURE))) {
            return new Cleansed(Result.DROPPED, data, "happened at " + happened + ", received at " + receivedAt);
        }
        Map<String, Object> cleansed = new LinkedHashMap<>();
        cleansed.put(AnalyticsService.PSEUDONYMOUS_ID, id);
        cleansed.put(AnalyticsService.NAME, name);
        cleansed.put(AnalyticsService.TIMESTAMP, happened.toString());
        cleansed.put(AnalyticsService.PROPERTIES, properties(event.get(AnalyticsService.PROPERTIES)));
        cleansed.put(RECEIVED_AT, receivedAt.toString());
        try {
            byte[] line = json.writeValueAsBytes(cleansed);
            byte[] withNewline = new byte[line.length + 1];
            System.arraycopy(line, 0, withNewline, 0, line.length);
            withNewline[line.length] = '\n';
            return new Cleansed(Result.OK, withNewline, null);
        } catch (IOException e) {
            return failed(data, "could not be written as JSON");
        }
    }

    private static Map<String, Object> properties(Object value) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> properties) {
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                if (kept.size() == EventRules.MAX_PROPERTIES) {
                    break;
                }
                if (property.getKey() instanceof String name && EventRules.propertyViolation(name, property.getValue()) == null
                    && !EventRules.personal(name, property.getValue())) {
                    kept.put(name, property.getValue());
                }
            }
        }
        return kept;
    }

    private static Cleansed failed(byte[] data, String reason) {
        return new Cleansed(Result.PROCESSING_FAILED, data, reason);
    }
}
