package app.mobilebackend.preferences;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A user's preferences as stored: the values as one JSON object, and the version devices sync against. */
@MappedEntity("user_preferences")
public record PreferencesRow(@Id String ownerSub, String valuesJson, long version, Instant updatedAt) {
}
