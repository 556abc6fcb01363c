package app.mobilebackend.updates;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
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
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a platform's manifest from the updates bucket ({@code s3:GetObject} on {@code updates/manifests/*}, all the
 * function's role may do). Its own S3 client, not a bean: the dev server holds the files functions' S3 client as
 * well, and neither may take the other's place. In AWS: the function's region and role; against an S3-compatible
 * server on loopback (tests, the dev server): {@code aws.s3.endpoint}, {@code aws.s3.region},
 * {@code aws.s3.access-key-id} / {@code aws.s3.secret-access-key}, as the files area reads them.
 */
@Singleton
public final class UpdateManifests {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final JsonMapper json;
    private final String bucket;

    UpdateManifests(UpdatesConfiguration configuration, JsonMapper json,
                    @Nullable @Property(name = "aws.s3.region") String region,
                    @Nullable @Property(name = "aws.s3.endpoint") String endpoint,
                    @Nullable @Property(name = "aws.s3.access-key-id") String accessKeyId,
                    @Nullable @Property(name = "aws.s3.secret-access-key") String secretAccessKey) {
        if (!isSet(configuration.bucket())) {
            throw new IllegalStateException("updates.bucket (UPDATES_BUCKET) is not set: the updates bucket is unknown");
        }
        this.bucket = configuration.bucket().strip();
        this.json = json;
        var builder = S3Client.builder()
            .region(isSet(region) ? Region.of(region.strip()) : new DefaultAwsRegionProviderChain().getRegion())
            .credentialsProvider(credentials(accessKeyId, secretAccessKey))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(isSet(endpoint)).build())
            .httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT));
        if (isSet(endpoint)) {
            builder.endpointOverride(URI.create(endpoint.strip()));
        }
        this.s3 = builder.build();
    }

    /** The platform's manifest, or empty when none is published. */
    public Optional<UpdateManifest> find(String platform) {
        byte[] body;
        try {
            body = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(UpdateObjects.manifestKey(platform)).build())
                .asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(body, UpdateManifest.class));
        } catch (IOException e) {
            throw new UncheckedIOException("The manifest " + UpdateObjects.manifestKey(platform) + " is not JSON", e);
        }
    }

    @PreDestroy
    void close() {
        s3.close();
    }

    private static AwsCredentialsProvider credentials(@Nullable String accessKeyId, @Nullable String secretAccessKey) {
        return isSet(accessKeyId) && isSet(secretAccessKey)
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
            : DefaultCredentialsProvider.builder().build();
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
