package app.mobilebackend.functions.outbox.relay;

import app.mobilebackend.outbox.OutboxRelay;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drains the outbox ({@link OutboxRelay}) once per scheduled invocation (EventBridge Scheduler or a schedule rule;
 * the event itself carries nothing it needs). Answers what it did: {@code {"published", "failed", "pending"}}.
 */
public class OutboxRelayFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    OutboxRelay relay;

    /** As the Lambda runtime builds it. */
    public OutboxRelayFunction() {
    }

    public OutboxRelayFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> scheduledEvent) {
        OutboxRelay.Report report = relay.run();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("published", report.published());
        result.put("failed", report.failed());
        result.put("pending", report.pending());
        return result;
    }
}
