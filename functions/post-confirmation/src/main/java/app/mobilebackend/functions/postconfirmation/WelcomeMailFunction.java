package app.mobilebackend.functions.postconfirmation;

import app.mobilebackend.core.lambda.TriggerContexts;
import app.mobilebackend.identity.profiles.WelcomeMail;
import app.mobilebackend.identity.profiles.WelcomeMailRequest;
import app.mobilebackend.outbox.EventSources;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * Sends the welcome mail of a {@code WelcomeMailRequested} event (source {@code mobile-backend.identity}), which the
 * post-confirmation trigger leaves in the outbox and the relay puts on the bus. It runs outside the VPC, where SES's
 * API is reachable, and needs no database. An event that is not one, or names no address, is logged and dropped
 * (retrying would not help); SES refusing throws, so Lambda retries the event and then leaves it in the rule's
 * dead-letter queue. At least once: a redelivered event mails again. Answers {@code {"outcome": "SENT" | "IGNORED"}}.
 */
public class WelcomeMailFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    public static final String SENT = "SENT";
    public static final String IGNORED = "IGNORED";
    private static final Logger LOG = LoggerFactory.getLogger(WelcomeMailFunction.class);

    @Inject
    WelcomeMail mail;

    @Inject
    JsonMapper json;

    /** As the Lambda runtime builds it. */
    public WelcomeMailFunction() {
    }

    /** No connection pool: the address comes in the event. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return TriggerContexts.withoutDatabase();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        if (event == null || !EventSources.IDENTITY.equals(event.get("source"))
            || !EventSources.WELCOME_MAIL_REQUESTED.equals(event.get("detail-type"))) {
            LOG.warn("Not a {} event from {}: dropped", EventSources.WELCOME_MAIL_REQUESTED, EventSources.IDENTITY);
            return Map.of("outcome", IGNORED);
        }
        WelcomeMailRequest request = read(event.get("detail"));
        if (request == null || request.email() == null || request.email().isBlank()) {
            LOG.warn("Event {}: no address to welcome: dropped", event.get("id"));
            return Map.of("outcome", IGNORED);
        }
        mail.send(request.email());
        LOG.info("Welcome mail of event {} sent", request.eventId());
        return Map.of("outcome", SENT);
    }

    private WelcomeMailRequest read(Object detail) {
        if (!(detail instanceof Map<?, ?>)) {
            return null;
        }
        try {
            return json.readValueFromTree(json.writeValueToTree(detail), WelcomeMailRequest.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unreadable welcome mail request: {}", e.getMessage());
            return null;
        }
    }
}
