package app.mobilebackend.preferences;

import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.error.FieldViolationException;
import app.mobilebackend.core.http.ETags;
import app.mobilebackend.sync.ChangeLog;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Preferences shared by a user's devices, saved whole and versioned so no device overwrites what it has not seen. */
@Singleton
public final class PreferencesService {

    /** The most the values may take, serialized as UTF-8 JSON. */
    public static final int MAX_BYTES = 16 * 1024;
    static final int MAX_NAME_LENGTH = 128;
    private static final Argument<Map<String, Object>> VALUES = Argument.mapOf(String.class, Object.class);

    private final PreferencesRepository repository;
    private final ChangeLog changes;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;

    PreferencesService(PreferencesRepository repository, ChangeLog changes, TransactionOperations<Connection> transactions,
                       JsonMapper json, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The user's preferences; an empty set at version 0 before the first save. */
    public Preferences get(String ownerSub) {
        return repository.findById(ownerSub)
            .map(this::toApi)
            .orElseGet(() -> new Preferences(Map.of(), 0L));
    }

    /**
     * Saves {@code values} over the version {@code ifMatch} names: 428 without one, 412 when stale. A user's
     * preferences always exist (an empty set at version 0 before the first save, as {@link #get} answers), so
     * {@code *} matches whatever version is current, 0 included: the save overwrites what any device saved last,
     * without the lost-update check an ETag gives. A save landing between that read and this one still answers 412.
     * A 412's problem carries the preferences as they are now, for the device to merge into (README, "Sync and offline").
     */
    public Preferences put(String ownerSub, String ifMatch, Map<String, Object> values) {
        long expected = ETags.requiredVersion(ifMatch, () -> currentVersion(ownerSub));
        validate(values);
        String serialized = serialize(values);
        if (serialized.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.payloadTooLarge("Preferences may take at most " + MAX_BYTES + " bytes serialized.");
        }
        return transactions.executeWrite(status -> {
            long seq = changes.next(ownerSub);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long changed = expected == 0
                ? repository.insertFirst(ownerSub, serialized, now)
                : repository.updateIfVersion(ownerSub, expected, serialized, now);
            Preferences current = get(ownerSub);
            if (changed == 0) {
                throw ApiException.preconditionFailed("The preferences have changed since version " + expected
                    + "; the current version is " + current.getVersion() + ".", problem -> problem.setCurrentPreferences(current));
            }
            if (expected == 0) {
                changes.created(ownerSub, seq, ChangeLog.PREFERENCES, ChangeLog.PREFERENCES, current.getVersion(), now);
            } else {
                changes.changed(ownerSub, seq, ChangeLog.PREFERENCES, ChangeLog.PREFERENCES, current.getVersion(), now);
            }
            return current;
        });
    }

    private long currentVersion(String ownerSub) {
        return repository.findById(ownerSub).map(PreferencesRow::version).orElse(0L);
    }

    private static void validate(Map<String, Object> values) {
        List<FieldError> errors = new ArrayList<>();
        values.forEach((name, value) -> {
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                errors.add(new FieldError("values", "names must have 1 to " + MAX_NAME_LENGTH + " characters"));
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(new FieldError("values." + name, "must be a string, a number or a boolean"));
            }
        });
        if (!errors.isEmpty()) {
            throw new FieldViolationException(errors);
        }
    }

    private String serialize(Map<String, Object> values) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Preferences toApi(PreferencesRow row) {
        try {
            Preferences preferences = new Preferences(json.readValue(row.valuesJson(), VALUES), row.version());
            preferences.setUpdatedAt(row.updatedAt().atOffset(ZoneOffset.UTC));
            return preferences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
