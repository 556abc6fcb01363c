package app.mobilebackend.files;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;

/**
 * The S3 client and presigner of the files functions. In AWS: the function's region and role (the SDK's default
 * chains). Against an S3-compatible server on loopback (tests, the dev server): {@code aws.s3.endpoint} (path-style
 * addressing), {@code aws.s3.region} and, for that server only, {@code aws.s3.access-key-id} /
 * {@code aws.s3.secret-access-key}.
 */
@Factory
final class S3ClientFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;

    S3ClientFactory(@Nullable @Property(name = "aws.s3.region") String region,
                    @Nullable @Property(name = "aws.s3.endpoint") String endpoint,
                    @Nullable @Property(name = "aws.s3.access-key-id") String accessKeyId,
                    @Nullable @Property(name = "aws.s3.secret-access-key") String secretAccessKey) {
        this.region = isSet(region) ? Region.of(region.strip()) : new DefaultAwsRegionProviderChain().getRegion();
        this.endpoint = isSet(endpoint) ? URI.create(endpoint.strip()) : null;
        this.credentials = isSet(accessKeyId) && isSet(secretAccessKey)
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
            : DefaultCredentialsProvider.builder().build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3Client() {
        var builder = S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(s3Configuration())
            // Checksums only where S3 requires them: S3-compatible servers do not all know the newer trailing ones.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** Presigning is local computation: no request leaves the function. */
    @Singleton
    @Bean(preDestroy = "close")
    S3Presigner s3Presigner() {
        var builder = S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(s3Configuration());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private S3Configuration s3Configuration() {
        // A loopback server has no per-bucket host names.
        return S3Configuration.builder().pathStyleAccessEnabled(endpoint != null).build();
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
