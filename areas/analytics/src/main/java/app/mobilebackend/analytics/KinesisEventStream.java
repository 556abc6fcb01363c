package app.mobilebackend.analytics;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts records with {@code PutRecords}. Kinesis accepts or refuses each record of a call on its own (a shard over
 * its throughput refuses its records with {@code ProvisionedThroughputExceededException}, the call still answering
 * 200 with a {@code FailedRecordCount}): the refused ones, and only they, are sent again, up to
 * {@code analytics.put-attempts} calls in all; then the request fails with 503 rather than losing them unseen.
 * A call that fails as a whole goes through the SDK's own retries first; then, when trying later can help (Kinesis
 * unreachable, failing on its side, throttling the stream or its KMS key), it answers 503 too, and otherwise (a
 * missing permission, no such stream) the SDK's exception goes on to the core's AWS error handler (500).
 */
@Singleton
@Requires(classes = KinesisClient.class)
final class KinesisEventStream implements EventStream {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEventStream.class);

    private final KinesisClient kinesis;
    private final AnalyticsConfiguration configuration;

    KinesisEventStream(KinesisClient kinesis, AnalyticsConfiguration configuration) {
        this.kinesis = kinesis;
        this.configuration = configuration;
    }

    @Override
    public void put(List<StreamRecord> records) {
        String stream = configuration.streamName();
        if (stream == null || stream.isBlank()) {
            throw new IllegalStateException("analytics.stream-name (ANALYTICS_STREAM_NAME) is not configured");
        }
        List<PutRecordsRequestEntry> pending = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            pending.add(PutRecordsRequestEntry.builder()
                .partitionKey(record.partitionKey()).data(SdkBytes.fromByteArray(record.data())).build());
        }
        int attempts = Math.max(1, configuration.putAttempts());
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            PutRecordsResponse response = call(stream, List.copyOf(pending));
            Integer failedCount = response.failedRecordCount();
            if (failedCount == null || failedCount == 0) {
                pending.clear();
                break;
            }
            // The answer's entries are in the order of the request's: keep those that carry an error code.
            List<PutRecordsResultEntry> results = response.records();
            List<PutRecordsRequestEntry> refused = new ArrayList<>(failedCount);
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    refused.add(pending.get(i));
                }
            }
            LOG.warn("Kinesis refused {} of {} records (attempt {} of {}): {}", refused.size(), pending.size(), attempt,
                attempts, firstError(results));
            pending.clear();
            pending.addAll(refused);
        }
        if (!pending.isEmpty()) {
            throw new AnalyticsUnavailableException(pending.size() + " of " + records.size()
                + " events are not on the stream after " + attempts + " attempts");
        }
    }

    private PutRecordsResponse call(String stream, List<PutRecordsRequestEntry> entries) {
        try {
            return kinesis.putRecords(request -> request.streamName(stream).records(entries));
        } catch (SdkClientException e) {
            throw new AnalyticsUnavailableException("Kinesis could not be reached", e);
        } catch (KinesisException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException() || e instanceof ProvisionedThroughputExceededException
                || e instanceof KmsThrottlingException || e instanceof LimitExceededException) {
                throw new AnalyticsUnavailableException("Kinesis refused the call: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static String firstError(List<PutRecordsResultEntry> results) {
        return results.stream().filter(result -> result.errorCode() != null).findFirst()
            .map(result -> result.errorCode() + " " + result.errorMessage()).orElse("");
    }
}
