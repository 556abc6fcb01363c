package app.mobilebackend.analytics;

import app.mobilebackend.api.model.AppEvent;
import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.core.error.FieldViolationException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a user's app events: checks what the spec's schema cannot (the properties' values), then puts every event
 * on the stream as one JSON record keyed by the user's pseudonymous id, or none when one is bad.
 */
@Singleton
public final class AnalyticsService {

    /** The fields of a record on the stream; the transform keeps these and no others. */
    public static final String PSEUDONYMOUS_ID = "pseudonymousId";
    public static final String NAME = "name";
    public static final String TIMESTAMP = "timestamp";
    public static final String PROPERTIES = "properties";

    private final EventStream stream;
    private final Pseudonyms pseudonyms;
    private final JsonMapper json;

    AnalyticsService(EventStream stream, Pseudonyms pseudonyms, JsonMapper json) {
        this.stream = stream;
        this.pseudonyms = pseudonyms;
        this.json = json;
    }

    /** Puts {@code events} of {@code sub} on the stream and answers how many; a bad property refuses the batch (400). */
    public int record(String sub, List<AppEvent> events) {
        check(events);
        String pseudonymousId = pseudonyms.of(sub);
        List<StreamRecord> records = new ArrayList<>(events.size());
        for (AppEvent event : events) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put(PSEUDONYMOUS_ID, pseudonymousId);
            record.put(NAME, event.getName());
            record.put(TIMESTAMP, DateTimeFormatter.ISO_INSTANT.format(event.getTimestamp().withOffsetSameInstant(ZoneOffset.UTC)));
            record.put(PROPERTIES, event.getProperties() == null ? Map.of() : new LinkedHashMap<>(event.getProperties()));
            records.add(new StreamRecord(pseudonymousId, serialize(record)));
        }
        stream.put(records);
        return records.size();
    }

    private static void check(List<AppEvent> events) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> properties = events.get(i).getProperties();
            if (properties == null) {
                continue;
            }
            String at = "events[" + i + "].properties";
            properties.forEach((name, value) -> {
                String violation = EventRules.propertyViolation(name, value);
                if (violation != null) {
                    errors.add(new FieldError(name.isEmpty() ? at : at + "." + name, violation));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new FieldViolationException(errors);
        }
    }

    private byte[] serialize(Map<String, Object> record) {
        try {
            return json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
