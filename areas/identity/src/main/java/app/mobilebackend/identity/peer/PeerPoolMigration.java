package app.mobilebackend.identity.peer;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Moves a user who signed up in the other region's user pool into this one, the first time they sign in here (after
 * a failover, say): their password is checked by that pool ({@code AdminInitiateAuth}, {@code ADMIN_USER_PASSWORD_AUTH}),
 * and they are created here with their attributes and, in the immutable {@code custom:uid}, the key their rows
 * have: that pool's {@code custom:uid} if they moved there before, else their {@code sub} there. So a user keeps
 * their to-dos, files and orders in both regions (infra-cloudformation README, "One user in both regions").
 *
 * <p>{@code peer-pool.user-pool-id} ({@code PEER_POOL_USER_POOL_ID}, e.g. {@code eu-west-1_AbC}: the region is its
 * prefix) and {@code peer-pool.client-id} ({@code PEER_POOL_CLIENT_ID}, an app client of that pool allowing
 * {@code ALLOW_ADMIN_USER_PASSWORD_AUTH}) name the pool; {@code aws.cognito.endpoint} points the client at a
 * loopback stand-in (tests). Timeouts keep the trigger inside the 5 seconds Cognito waits. Passwords are never logged.
 */
@Singleton
@Requires(property = "peer-pool.user-pool-id", pattern = "\\S+")
public final class PeerPoolMigration {

    /** What the other pool said; the trigger turns it into Cognito's answer. */
    public sealed interface Outcome {
        /** The pool knows the user (and, at sign-in, accepted the password): create them here with these. */
        record Found(Map<String, String> attributes) implements Outcome {
        }

        /** The pool has no such user: someone else (the legacy system) may. */
        record Unknown() implements Outcome {
        }

        /** The pool knows the user but not with this password. */
        record WrongPassword() implements Outcome {
        }

        /** The pool did not answer (its region is down, say). */
        record Unavailable() implements Outcome {
        }
    }

    /** The claim-carrying attribute both pools define; immutable, and not writable by the app clients. */
    public static final String UID_ATTRIBUTE = "custom:uid";

    private static final Logger LOG = LoggerFactory.getLogger(PeerPoolMigration.class);

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;
    private final String clientId;

    PeerPoolMigration(@Value("${peer-pool.user-pool-id}") String userPoolId, @Value("${peer-pool.client-id}") String clientId,
                      @Nullable @Property(name = "aws.cognito.endpoint") String endpoint) {
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
            .region(Region.of(userPoolId.substring(0, userPoolId.indexOf('_'))))
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(2)))
            .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(4)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        this.cognito = builder.build();
    }

    /** Signs {@code username} in to the other pool with {@code password}; found: the attributes to create them with. */
    public Outcome signIn(String username, String password) {
        try {
            cognito.adminInitiateAuth(request -> request
                .userPoolId(userPoolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
        } catch (UserNotFoundException e) {
            return new Outcome.Unknown();
        } catch (NotAuthorizedException e) {
            return new Outcome.WrongPassword();
        } catch (SdkException e) {
            LOG.warn("The other region's user pool did not answer the sign-in: {}", e.toString());
            return new Outcome.Unavailable();
        }
        // A challenge instead of tokens (MFA, a new password) means the password was right, but that pool would ask
        // more: such a user moves through the forgotten-password flow instead, which needs only their email.
        return find(username);
    }

    /** Finds {@code username} in the other pool, for a forgotten password: the code goes to their verified email. */
    public Outcome find(String username) {
        AdminGetUserResponse user;
        try {
            user = cognito.adminGetUser(request -> request.userPoolId(userPoolId).username(username));
        } catch (UserNotFoundException e) {
            return new Outcome.Unknown();
        } catch (SdkException e) {
            LOG.warn("The other region's user pool did not answer: {}", e.toString());
            return new Outcome.Unavailable();
        }
        Map<String, String> theirs = user.userAttributes().stream()
            .collect(Collectors.toMap(AttributeType::name, AttributeType::value, (a, b) -> b));
        String email = theirs.get("email");
        String uid = theirs.getOrDefault(UID_ATTRIBUTE, theirs.get("sub"));
        if (email == null || email.isBlank() || uid == null || uid.isBlank() || !Boolean.TRUE.equals(user.enabled())) {
            return new Outcome.Unknown();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("email", email);
        // That pool verified the address (it confirmed sign-up by it); Cognito needs it verified to send reset codes.
        attributes.put("email_verified", theirs.getOrDefault("email_verified", "false"));
        attributes.put(UID_ATTRIBUTE, uid);
        return new Outcome.Found(attributes);
    }
}
