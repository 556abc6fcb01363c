package app.mobilebackend.identity.profiles;

import app.mobilebackend.outbox.EventSources;
import app.mobilebackend.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What happens when a user confirms sign-up: their profile is created and their welcome mail requested, each once
 * however often Cognito retries. Both in one transaction: the profile, the mark on it ({@code welcome_sent_at}: when
 * the mail was handed on) and a {@code WelcomeMailRequested} event in the outbox, which the relay puts on the bus for
 * the welcome-mail function. That function runs outside the VPC, where SES is reachable: the post-confirmation trigger,
 * in the VPC (the database), has no route to SES's API, which offers no VPC endpoint. Delivery is at least once.
 */
@Singleton
public final class ProfileService {

    private final ProfileRepository profiles;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, Outbox outbox, TransactionOperations<Connection> transactions, Clock clock) {
        this.profiles = profiles;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates {@code sub}'s profile if absent and requests the welcome mail if it has not been requested yet. */
    public void signUpConfirmed(String sub, String email) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        transactions.executeWrite(status -> {
            profiles.createIfAbsent(sub, email, now);
            ProfileRow profile = profiles.findById(sub).orElseThrow();
            if (profile.email() != null && profiles.markWelcomeSent(sub, now) == 1) {
                outbox.append(Outbox.EVENTBRIDGE, EventSources.WELCOME_MAIL_REQUESTED, sub, now,
                    eventId -> new WelcomeMailRequest(eventId, sub, profile.email()));
            }
            return null;
        });
    }
}
