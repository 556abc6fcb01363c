package app.mobilebackend.functions.postconfirmation;

import app.mobilebackend.identity.profiles.ProfileRepository;
import app.mobilebackend.identity.profiles.ProfileRow;
import app.mobilebackend.localstack.aws.SesStandIn;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.LambdaRuntimeSerialization;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.text.ParseException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trigger as Cognito calls it: events are the JSON documents Cognito sends (the shape of the Cognito developer
 * guide's "Post confirmation Lambda trigger" example), read and written by the Lambda Java runtime's serializer;
 * the real embedded database and a loopback SES v2 driven by the real SDK client.
 */
class PostConfirmationFunctionTest {

    private static final String FROM = "welcome@mobile-backend.test";

    private static SesStandIn ses;
    private static PostConfirmationFunction function;
    private static ProfileRepository profiles;

    @BeforeAll
    static void start() {
        ses = SesStandIn.start();
        FunctionEnvironment.install();
        System.setProperty("mail.from", FROM);
        System.setProperty("aws.sesv2.endpoint", ses.endpoint());
        function = new PostConfirmationFunction();
        profiles = function.getApplicationContext().getBean(ProfileRepository.class);
    }

    @AfterAll
    static void stop() {
        function.close();
        ses.close();
        System.clearProperty("mail.from");
        System.clearProperty("aws.sesv2.endpoint");
    }

    @AfterEach
    void sesAccepts() {
        ses.rejectWith(null);
    }

    @Test
    void createsProfileAndSendsWelcomeEmailOnConfirmedSignUp() throws ParseException {
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
        var sent = ses.sentTo(email);
        assertEquals(1, sent.size());
        assertEquals(FROM, sent.get(0).from());
        assertEquals("Welcome to Mobile Backend", sent.get(0).subject());
        assertTrue(sent.get(0).text().contains("your account is ready"));
    }

    @Test
    void retriedTriggerCreatesNoSecondProfileAndSendsNoSecondEmail() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";

        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));
        ProfileRow first = profiles.findById(sub).orElseThrow();
        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));

        assertEquals(first, profiles.findById(sub).orElseThrow());
        assertEquals(1, ses.sentTo(email).size());
    }

    @Test
    void failsWhenSesRefusesAndWelcomesOnRetry() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";
        ses.rejectWith("Email address is not verified.");

        assertThrows(SesV2Exception.class, () -> invoke(event("PostConfirmation_ConfirmSignUp", sub, email)));

        ProfileRow kept = profiles.findById(sub).orElseThrow();
        assertEquals(email, kept.email());
        assertNull(kept.welcomeSentAt(), "not marked as welcomed");
        assertEquals(0, ses.sentTo(email).size());

        ses.rejectWith(null);
        invoke(event("PostConfirmation_ConfirmSignUp", sub, email));

        assertNotNull(profiles.findById(sub).orElseThrow().welcomeSentAt());
        assertEquals(1, ses.sentTo(email).size());
    }

    @Test
    void doesNothingWhenForgottenPasswordIsConfirmed() throws ParseException {
        String sub = UUID.randomUUID().toString();
        String email = sub + "@example.com";

        invoke(event("PostConfirmation_ConfirmForgotPassword", sub, email));

        assertTrue(profiles.findById(sub).isEmpty());
        assertEquals(0, ses.sentTo(email).size());
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
