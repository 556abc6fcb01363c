package app.mobilebackend.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long one {@link OutboxRelay#run()} may take ({@code outbox.relay.time-budget}, env
 * {@code OUTBOX_RELAY_TIME_BUDGET}, default 20 s: well under the relay function's timeout, so a run always ends
 * by itself) and after how many failed events it leaves a destination alone until the next run
 * ({@code outbox.relay.max-failures-per-run}, default 50).
 */
@ConfigurationProperties("outbox.relay")
public record OutboxRelayConfiguration(
    @Bindable(defaultValue = "20s") Duration timeBudget,
    @Bindable(defaultValue = "50") int maxFailuresPerRun) {
}
