package app.mobilebackend.analytics;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

import java.net.URI;
import java.time.Duration;

/**
 * The Kinesis client of events-create: the URL connection HTTP client as the other functions' clients (no Apache or
 * Netty client in the jar), region and credentials from the SDK's default chains (the function's role on Lambda).
 * {@code aws.kinesis.endpoint} ({@code AWS_KINESIS_ENDPOINT}) points it at a local stand-in instead (tests, dev
 * server): it then signs with fixed local credentials and, without a configured region, uses us-east-1. The SDK
 * speaks CBOR to Kinesis unless {@code aws.cborEnabled} is false when the client is built (the stand-in sets it).
 */
@Factory
@Requires(classes = KinesisClient.class)
final class KinesisClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisClientFactory.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    @Bean(preDestroy = "close")
    KinesisClient kinesisClient(@Nullable @Value("${aws.kinesis.endpoint:}") String endpoint) {
        KinesisClientBuilder builder = KinesisClient.builder()
            .region(region())
            .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT));
        if (endpoint == null || endpoint.isBlank()) {
            return builder.build();
        }
        return builder.endpointOverride(URI.create(endpoint.strip()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    }

    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            LOG.warn("No AWS region configured (AWS_REGION); the Kinesis client uses us-east-1");
            return Region.US_EAST_1;
        }
    }
}
