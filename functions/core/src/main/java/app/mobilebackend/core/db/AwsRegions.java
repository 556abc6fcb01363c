package app.mobilebackend.core.db;

import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The AWS region of the database: {@code db.region} if set, else the SDK's default chain ({@code AWS_REGION} on Lambda). */
final class AwsRegions {

    private AwsRegions() {
    }

    static Region resolve(@Nullable String configured) {
        if (configured != null && !configured.isBlank()) {
            return Region.of(configured.strip());
        }
        return new DefaultAwsRegionProviderChain().getRegion();
    }
}
