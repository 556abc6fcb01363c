package app.mobilebackend.devserver;

import app.mobilebackend.analytics.EventCleanser;
import app.mobilebackend.localstack.aws.KinesisStandIn;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The analytics stream, locally: a Kinesis stand-in on loopback that takes what events-create puts on it and logs each
 * record twice, as it arrived on the stream and as Firehose's transform (events-transform's cleanser) would store it
 * for the reports. POST /events and the events show in the dev server's log at once. There is no Firehose, S3 or
 * Athena locally: the stacks have them.
 */
final class DevAnalytics implements AutoCloseable {

    static final String STREAM = "mobile-backend-dev-events";
    /** A fixed key for the dev server's pseudonymous ids (a deployment generates its own secret). */
    static final String PSEUDONYM_KEY = "dev-server-pseudonym-key-not-a-secret";
    private static final Logger LOG = LoggerFactory.getLogger(DevAnalytics.class);

    private final KinesisStandIn kinesis;
    private volatile EventCleanser cleanser;

    private DevAnalytics(KinesisStandIn kinesis) {
        this.kinesis = kinesis;
    }

    static DevAnalytics start() {
        DevAnalytics analytics = new DevAnalytics(KinesisStandIn.start());
        analytics.kinesis.onRecord(analytics::log);
        return analytics;
    }

    /** Points the functions' Kinesis client at the stand-in. */
    Map<String, Object> properties() {
        return Map.of("aws.kinesis.endpoint", kinesis.endpoint(), "analytics.stream-name", STREAM,
            "analytics.pseudonym-key", PSEUDONYM_KEY);
    }

    /** Shows each record as the transform of {@code context} would leave it, from now on. */
    void transformWith(ApplicationContext context) {
        cleanser = context.getBean(EventCleanser.class);
    }

    private void log(KinesisStandIn.Record record) {
        LOG.info("Kinesis {} <- [{}] {}", record.streamName(), record.partitionKey(), record.text());
        EventCleanser transform = cleanser;
        if (transform != null) {
            EventCleanser.Cleansed cleansed = transform.cleanse(record.data(), Instant.now());
            LOG.info("  events-transform: {} {}", cleansed.result(), cleansed.result() == EventCleanser.Result.OK
                ? new String(cleansed.data(), StandardCharsets.UTF_8).strip() : cleansed.reason());
        }
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
