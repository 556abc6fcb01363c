package app.mobilebackend.orders;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

import java.net.URI;

/**
 * The EventBridge client: region and credentials from the SDK's default chains (the function's role on Lambda).
 * {@code aws.eventbridge.endpoint} (env {@code AWS_EVENTBRIDGE_ENDPOINT}) points it at a local stand-in instead,
 * for tests and the dev server only: then it signs with fixed local credentials and, without a configured region,
 * {@code us-east-1}.
 */
@Factory
@Requires(classes = EventBridgeClient.class)
final class EventBridgeClientFactory {

    @Singleton
    EventBridgeClient eventBridgeClient(@Nullable @Value("${aws.eventbridge.endpoint:}") String endpoint) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint == null || endpoint.isBlank()) {
            return builder.build();
        }
        return builder
            .endpointOverride(URI.create(endpoint.strip()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .region(regionOr(Region.US_EAST_1))
            .build();
    }

    private static Region regionOr(Region fallback) {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return fallback;
        }
    }
}
