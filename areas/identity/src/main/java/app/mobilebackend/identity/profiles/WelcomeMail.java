package app.mobilebackend.identity.profiles;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The welcome email, sent through SES v2 from {@code mail.from} ({@code MAIL_FROM}, an SES-verified identity). */
@Singleton
@Requires(classes = SesV2Client.class)
public final class WelcomeMail {

    static final String SUBJECT = "Welcome to Mobile Backend";
    private static final String TEXT = """
        Hello,

        your account is ready: sign in to the app with this email address.

        If you did not sign up, ignore this message.
        """;

    private final SesV2Client ses;
    private final String from;

    WelcomeMail(SesV2Client ses, @Value("${mail.from}") String from) {
        this.ses = ses;
        this.from = from;
    }

    /** Sends it to {@code email}; throws when SES does not accept it. */
    public void send(String email) {
        ses.sendEmail(request -> request
            .fromEmailAddress(from)
            .destination(destination -> destination.toAddresses(email))
            .content(content -> content.simple(message -> message
                .subject(subject -> subject.data(SUBJECT).charset("UTF-8"))
                .body(body -> body.text(text -> text.data(TEXT).charset("UTF-8"))))));
    }
}
