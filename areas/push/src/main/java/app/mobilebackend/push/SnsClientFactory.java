package app.mobilebackend.push;

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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

import java.net.URI;
import java.time.Duration;

/**
 * The SNS client of the functions that carry the SNS SDK. Its region is the platform applications' (endpoints live
 * in their application's region), else the SDK's default chain ({@code AWS_REGION} on Lambda); credentials come from
 * the default chain (the function's role). {@code aws.sns.endpoint} ({@code AWS_SNS_ENDPOINT}) points it at a local
 * SNS stand-in instead (tests, dev server); it then signs with fixed local credentials. Lambda builds its singletons
 * at start-up, so building the client must not fail where no region is known (a jar started outside AWS): it then
 * falls back to us-east-1, and a call would fail, not the start.
 */
@Factory
@Requires(classes = SnsClient.class)
final class SnsClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SnsClientFactory.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    @Bean(preDestroy = "close")
    SnsClient snsClient(@Nullable @Value("${aws.sns.endpoint:}") String endpoint, PushConfiguration push) {
        SnsClientBuilder builder = SnsClient.builder()
            .region(region(push))
            .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT));
        if (endpoint == null || endpoint.isBlank()) {
            return builder.build();
        }
        return builder.endpointOverride(URI.create(endpoint.strip()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    }

    private static Region region(PushConfiguration push) {
        for (String arn : new String[] {push.fcmApplicationArn(), push.apnsApplicationArn()}) {
            // arn:aws:sns:<region>:<account>:app/<platform>/<name>
            String[] parts = arn == null ? new String[0] : arn.strip().split(":");
            if (parts.length > 3 && !parts[3].isEmpty()) {
                return Region.of(parts[3]);
            }
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            LOG.warn("No AWS region configured (AWS_REGION); the SNS client uses us-east-1");
            return Region.US_EAST_1;
        }
    }
}
