package app.mobilebackend.analytics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where app events go: {@code analytics.stream-name} ({@code ANALYTICS_STREAM_NAME}, the Kinesis data stream); the
 * secret the pseudonymous ids are made with (without it nobody can tell whose events they are), read from Secrets
 * Manager by {@code analytics.pseudonym-key-secret-arn} ({@code ANALYTICS_PSEUDONYM_KEY_SECRET_ARN}, as deployed)
 * or given as {@code analytics.pseudonym-key} (tests, dev server); and {@code analytics.put-attempts} (how many
 * PutRecords calls a batch gets, retrying the records Kinesis refused, before the request answers 503; 3 by default).
 */
@ConfigurationProperties("analytics")
public record AnalyticsConfiguration(
    @Nullable String streamName,
    @Nullable String pseudonymKey,
    @Nullable String pseudonymKeySecretArn,
    @Bindable(defaultValue = "3") int putAttempts) {
}
