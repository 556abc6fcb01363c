package app.mobilebackend.identity.profiles;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * What happens when a user confirms sign-up: their profile is created and they are welcomed, each once however
 * often Cognito retries. The profile row is committed first and marked only after SES accepted the email, so a
 * failed send leaves a profile that the retry welcomes; a send that succeeded is never repeated. (Should the
 * function die between SES's answer and the mark, the retry would send a second email: at least once, not exactly.)
 */
@Singleton
@Requires(classes = SesV2Client.class)
public final class ProfileService {

    private final ProfileRepository profiles;
    private final WelcomeMail welcome;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, WelcomeMail welcome, Clock clock) {
        this.profiles = profiles;
        this.welcome = welcome;
        this.clock = clock;
    }

    /** Creates {@code sub}'s profile if absent and sends the welcome email if it has not gone out yet. */
    public void signUpConfirmed(String sub, String email) {
        profiles.createIfAbsent(sub, email, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        ProfileRow profile = profiles.findById(sub).orElseThrow();
        if (profile.welcomeSentAt() != null || profile.email() == null) {
            return;
        }
        welcome.send(profile.email());
        profiles.markWelcomeSent(sub, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
