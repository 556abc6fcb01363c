package app.mobilebackend.functions.postconfirmation;

import app.mobilebackend.identity.profiles.ProfileRepository;
import app.mobilebackend.outbox.EventSources;
import app.mobilebackend.outbox.Outbox;
import app.mobilebackend.outbox.OutboxRepository;
import app.mobilebackend.outbox.OutboxRow;
import app.mobilebackend.identity.profiles.ProfileRow;
import app.mobilebackend.localstack.aws.SesStandIn;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.LambdaRuntimeSerialization;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trigger as Cognito calls it: events are the JSON documents Cognito sends (the shape of the Cognito developer
 * guide's "Post confirmation Lambda trigger" example), read and written by the Lambda Java runtime's serializer, on the
 * real embedded database; then the welcome mail's way out of the VPC: the outbox event the trigger leaves, as
 * EventBridge delivers it (source and detail-type as the relay's publisher sets them), to the welcome-mail function,
 * which sends through a loopback SES v2 driven by the real SDK client.
 */
class PostConfirmationFunctionTest {

    private static final String FROM = "welcome@mobile-backend.test";

    private static SesStandIn ses;
    private static PostConfirmationFunction function;
    private static WelcomeMailFunction welcomeMail;
    private static ProfileRepository profiles;
    private static OutboxRepository outbox;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        ses = SesStandIn.start();
        FunctionEnvironment.install();
        function = new PostConfirmationFunction();
        profiles = function.getApplicationContext().getBean(ProfileRepository.class);
        outbox = function.getApplicationContext().getBean(OutboxRepository.class);
        json = function.getApplicationContext().getBean(JsonMapper.class);
        // The welcome-mail function's configuration only: post-confirmation needs neither (it cannot reach SES).
        System.setProperty("mail.from", FROM);
        System.setProperty("aws.sesv2.endpoint", ses.endpoint());
        welcomeMail = new WelcomeMailFunction();
    }

    @AfterAll
    static void stop() {
        function.close();
        welcomeMail.close();
        ses.close();
        System.clearProperty("mail.from");
        System.clearProperty("aws.sesv2.endpoint");
    }

    @AfterEach
    void sesAccepts() {
        ses.rejectWith(null);
    }

    @Test
    void createsProfileAndRequestsWelcomeMailOnConfirmedSignUp() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";
        String event = event("PostConfirmation_ConfirmSignUp", sub, email);

        String answer = invoke(event);

        assertEquals(JSONObjectUtils.parse(LambdaRuntimeSerialization.write(
            LambdaRuntimeSerialization.read(event, CognitoUserPoolPostConfirmationEvent.class))), JSONObjectUtils.parse(answer),
            "the event comes back unchanged");
        ProfileRow profile = profiles.findById(sub).orElseThrow();
        assertEquals(email, profile.email());
        assertNotNull(profile.welcomeSentAt());
        List<OutboxRow> requested = outbox.findByUserIdOrderByCreatedAt(sub);
        assertEquals(1, requested.size());
        assertEquals(Outbox.EVENTBRIDGE, requested.get(0).destination());
        assertEquals(EventSources.WELCOME_MAIL_REQUESTED, requested.get(0).type());
        assertEquals(Map.of("eventId", requested.get(0).id(), "userId", sub, "email", email), detail(requested.get(0)));
        assertEquals(0, ses.sentTo(email).size(), "post-confirmation, in the VPC, sends nothing itself");
    }

    @Test
    void theWelcomeMailFunctionSendsTheRequestedMail() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";
        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));

        Map<String, Object> outcome = welcomeMail.handleRequest(delivered(outbox.findByUserIdOrderByCreatedAt(sub).get(0)), new MockLambdaContext());

        assertEquals(Map.of("outcome", WelcomeMailFunction.SENT), outcome);
        var sent = ses.sentTo(email);
        assertEquals(1, sent.size());
        assertEquals(FROM, sent.get(0).from());
        assertEquals("Welcome to Mobile Backend", sent.get(0).subject());
        assertTrue(sent.get(0).text().contains("your account is ready"));
    }

    @Test
    void retriedTriggerCreatesNoSecondProfileAndRequestsNoSecondMail() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";

        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));
        ProfileRow first = profiles.findById(sub).orElseThrow();
        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));

        assertEquals(first, profiles.findById(sub).orElseThrow());
        assertEquals(1, outbox.findByUserIdOrderByCreatedAt(sub).size());
    }

    @Test
    void sesRefusingFailsTheMailSoLambdaRetriesIt() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";
        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));
        Map<String, Object> delivered = delivered(outbox.findByUserIdOrderByCreatedAt(sub).get(0));
        ses.rejectWith("Email address is not verified.");

        assertThrows(SesV2Exception.class, () -> welcomeMail.handleRequest(delivered, new MockLambdaContext()));
        assertEquals(0, ses.sentTo(email).size());

        ses.rejectWith(null);
        assertEquals(Map.of("outcome", WelcomeMailFunction.SENT), welcomeMail.handleRequest(delivered, new MockLambdaContext()));
        assertEquals(1, ses.sentTo(email).size());
    }

    @Test
    void dropsEventsThatAreNotWelcomeMailRequests() {
        Map<String, Object> orderPlaced = new HashMap<>(Map.of("id", "e1", "source", EventSources.ORDERS,
            "detail-type", "OrderPlaced", "detail", Map.of("email", "someone@example.com")));
        Map<String, Object> noAddress = new HashMap<>(Map.of("id", "e2", "source", EventSources.IDENTITY,
            "detail-type", EventSources.WELCOME_MAIL_REQUESTED, "detail", Map.of("eventId", "e2", "userId", "u")));
        Map<String, Object> notAnObject = new HashMap<>(Map.of("id", "e3", "source", EventSources.IDENTITY,
            "detail-type", EventSources.WELCOME_MAIL_REQUESTED, "detail", "someone@example.com"));
        int sentBefore = ses.sent().size();

        for (Map<String, Object> event : List.of(orderPlaced, noAddress, notAnObject)) {
            assertEquals(Map.of("outcome", WelcomeMailFunction.IGNORED), welcomeMail.handleRequest(event, new MockLambdaContext()));
        }
        assertEquals(sentBefore, ses.sent().size());
    }

    @Test
    void doesNothingWhenForgottenPasswordIsConfirmed() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";

        invoke(event("PostConfirmation_ConfirmForgotPassword", sub, email));

        assertTrue(profiles.findById(sub).isEmpty());
        assertEquals(List.of(), outbox.findByUserIdOrderByCreatedAt(sub));
    }

    /** The event as EventBridge hands it to the function: the envelope the relay's PutEvents entry makes. */
    private static Map<String, Object> delivered(OutboxRow row) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", row.type());
        event.put("source", EventSources.of(row.type()));
        event.put("account", "123456789012");
        event.put("time", row.createdAt().toString());
        event.put("region", "eu-west-1");
        event.put("resources", List.of());
        event.put("detail", detail(row));
        return event;
    }

    private static Map<String, Object> detail(OutboxRow row) {
        try {
            return json.readValue(row.payload(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the handler as the runtime does: JSON in through the runtime's serializer, the answer out through it. */
    private static String invoke(String json) {
        var event = LambdaRuntimeSerialization.read(json, CognitoUserPoolPostConfirmationEvent.class);
        return LambdaRuntimeSerialization.write(function.handleRequest(event, new MockLambdaContext()));
    }

    /** A post-confirmation event as Cognito sends it. */
    private static String event(String triggerSource, String sub, String email) {
        return """
            {
              "version": "1",
              "region": "eu-west-1",
              "userPoolId": "eu-west-1_EXAMPLE",
              "userName": "%2$s",
              "callerContext": {
                "awsSdkVersion": "aws-sdk-unknown-unknown",
                "clientId": "1example23456789"
              },
              "triggerSource": "%1$s",
              "request": {
                "userAttributes": {
                  "sub": "%2$s",
                  "cognito:email_alias": "%3$s",
                  "cognito:user_status": "CONFIRMED",
                  "email_verified": "true",
                  "email": "%3$s"
                }
              },
              "response": {}
            }""".formatted(triggerSource, sub, email);
    }

}
