package app.mobilebackend.analytics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where app events go: {@code analytics.stream-name} ({@code ANALYTICS_STREAM_NAME}, the Kinesis data stream),
 * {@code analytics.pseudonym-key} ({@code ANALYTICS_PSEUDONYM_KEY}, the secret the pseudonymous ids are made with:
 * without it nobody can tell whose events they are), and {@code analytics.put-attempts} (how often records Kinesis
 * refused are sent again before the request answers 503; 3 by default).
 */
@ConfigurationProperties("analytics")
public record AnalyticsConfiguration(
    @Nullable String streamName,
    @Nullable String pseudonymKey,
    @Bindable(defaultValue = "3") int putAttempts) {
}
