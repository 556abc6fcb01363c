package app.mobilebackend.core.audit;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Writes {@link AuditEvent}s as one JSON line each to the logger {@code audit}, which the function's log group keeps
 * (CloudWatch Logs, with its retention). A metric filter or subscription can route them on by {@code "event"}.
 */
@Singleton
public final class AuditLog {

    public static final String LOGGER = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final JsonMapper json;

    AuditLog(JsonMapper json) {
        this.json = json;
    }

    public void record(AuditEvent event) {
        try {
            LOG.info(json.writeValueAsString(event));
        } catch (IOException e) {
            // An audit record that cannot be written is an error worth an alarm, but must not fail the user's request.
            LOG.error("Could not write the audit record of {} {}", event.method(), event.path(), e);
        }
    }
}
