package app.mobilebackend.core.push;

import io.micronaut.context.annotation.Bean;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

import java.net.URI;
import java.time.Duration;

/**
 * The SNS client of the functions that carry the SNS SDK: region and credentials from the SDK's default chains
 * ({@code AWS_REGION} and the function's role on Lambda). {@code aws.sns.endpoint} ({@code AWS_SNS_ENDPOINT}) points
 * it at a local SNS stand-in instead (tests, dev server); it then signs with fixed local credentials.
 */
@Factory
@Requires(classes = SnsClient.class)
final class SnsClientFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    @Bean(preDestroy = "close")
    SnsClient snsClient(@Nullable @Value("${aws.sns.endpoint:}") String endpoint) {
        SnsClientBuilder builder = SnsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT));
        if (endpoint == null || endpoint.isBlank()) {
            return builder.region(new DefaultAwsRegionProviderChain().getRegion()).build();
        }
        return builder.endpointOverride(URI.create(endpoint.strip()))
            .region(localRegion())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    }

    private static Region localRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }
}
