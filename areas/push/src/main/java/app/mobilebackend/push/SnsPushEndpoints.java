package app.mobilebackend.push;

import app.mobilebackend.api.model.DevicePlatform;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.util.Map;

/**
 * Push endpoints as SNS platform endpoints, managed as AWS recommends: create (idempotent for a token with the same
 * attributes, hence no custom user data), read the attributes, and re-enable and re-token an endpoint SNS disabled.
 */
@Singleton
@Requires(classes = SnsClient.class)
final class SnsPushEndpoints implements PushEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(SnsPushEndpoints.class);

    private final SnsClient sns;
    private final PushConfiguration configuration;
    private final PushMessages messages;

    SnsPushEndpoints(SnsClient sns, PushConfiguration configuration, PushMessages messages) {
        this.sns = sns;
        this.configuration = configuration;
        this.messages = messages;
    }

    @Override
    public String ensure(DevicePlatform platform, String token, @Nullable String current) {
        try {
            String endpoint = current;
            Map<String, String> attributes = endpoint == null ? null : attributes(endpoint);
            if (attributes == null) {
                endpoint = sns.createPlatformEndpoint(r -> r.platformApplicationArn(applicationArn(platform)).token(token)).endpointArn();
                attributes = attributes(endpoint);
            }
            if (attributes == null || !"true".equalsIgnoreCase(attributes.get("Enabled")) || !token.equals(attributes.get("Token"))) {
                String arn = endpoint;
                sns.setEndpointAttributes(r -> r.endpointArn(arn).attributes(Map.of("Enabled", "true", "Token", token)));
            }
            return endpoint;
        } catch (InvalidParameterException e) {
            throw new InvalidPushTokenException("SNS refused the " + platform + " token: " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw unavailable("register a device", e);
        }
    }

    @Override
    public void delete(String endpoint) {
        try {
            sns.deleteEndpoint(r -> r.endpointArn(endpoint));
        } catch (NotFoundException e) {
            LOG.debug("Endpoint {} was already gone", endpoint);
        } catch (SdkException e) {
            throw unavailable("delete an endpoint", e);
        }
    }

    @Override
    public Delivery publish(String endpoint, DevicePlatform platform, PushMessage message) {
        try {
            sns.publish(r -> r.targetArn(endpoint).messageStructure("json").message(messages.forPlatform(platform, message)));
            return Delivery.SENT;
        } catch (EndpointDisabledException | NotFoundException e) {
            return Delivery.ENDPOINT_GONE;
        } catch (SnsException e) {
            if (retryable(e)) {
                throw unavailable("publish", e);
            }
            LOG.warn("SNS refused a notification to {}: {}", endpoint, e.awsErrorDetails().errorMessage());
            return Delivery.REJECTED;
        } catch (SdkException e) {
            throw unavailable("publish", e);
        }
    }

    /** The endpoint's attributes, or null when SNS has no such endpoint. */
    @Nullable
    private Map<String, String> attributes(String endpoint) {
        try {
            return sns.getEndpointAttributes(r -> r.endpointArn(endpoint)).attributes();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private String applicationArn(DevicePlatform platform) {
        String arn = PushPlatforms.applicationArn(configuration, platform);
        if (arn == null) {
            throw new IllegalStateException("No SNS platform application is configured for " + platform);
        }
        return arn;
    }

    /** Throttling and server faults pass; anything else about the request would fail again. */
    private static boolean retryable(SnsException e) {
        return e.isThrottlingException() || e.statusCode() >= 500 || e.statusCode() == 429;
    }

    private static PushUnavailableException unavailable(String action, SdkException e) {
        return new PushUnavailableException("SNS could not " + action + ": " + e.getMessage(), e);
    }
}
