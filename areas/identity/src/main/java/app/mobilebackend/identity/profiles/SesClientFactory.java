package app.mobilebackend.identity.profiles;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

import java.net.URI;
import java.time.Duration;

/**
 * The SES v2 client: region and credentials from the SDK's default chains (the function's role on Lambda). With
 * {@code aws.sesv2.endpoint} set (tests, the dev server: a loopback stand-in) it talks there instead, with dummy
 * credentials, in the default chain's region or else {@code us-east-1}.
 */
@Factory
@Requires(classes = SesV2Client.class)
final class SesClientFactory {

    @Singleton
    SesV2Client sesV2Client(@Nullable @Property(name = "aws.sesv2.endpoint") String endpoint) {
        SesV2ClientBuilder builder = SesV2Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(2)));
        if (endpoint == null || endpoint.isBlank()) {
            return builder.region(new DefaultAwsRegionProviderChain().getRegion()).build();
        }
        return builder.endpointOverride(URI.create(endpoint))
            .region(regionOr(Region.US_EAST_1))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
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
