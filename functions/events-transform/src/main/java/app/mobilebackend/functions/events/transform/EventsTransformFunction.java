package app.mobilebackend.functions.events.transform;

import app.mobilebackend.analytics.EventCleanser;
import app.mobilebackend.core.lambda.TriggerContexts;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Firehose's data transformation of the analytics delivery stream. Firehose hands it a batch of the Kinesis stream's
 * records and expects every {@code recordId} back with a result: {@code Ok} and the cleansed data (stored under the
 * events prefix), {@code Dropped} (discarded), {@code ProcessingFailed} and the data as it came (stored under the
 * error prefix). What each record gets is {@link EventCleanser}'s. The received time is the record's
 * {@code approximateArrivalTimestamp}: when Kinesis took it.
 */
public class EventsTransformFunction extends MicronautRequestHandler<KinesisFirehoseEvent, KinesisAnalyticsInputPreprocessingResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(EventsTransformFunction.class);

    @Inject
    EventCleanser cleanser;

    /** As the Lambda runtime builds it. */
    public EventsTransformFunction() {
    }

    /** No connection pool: the transform touches nothing but the records. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return TriggerContexts.withoutDatabase();
    }

    @Override
    public KinesisAnalyticsInputPreprocessingResponse execute(KinesisFirehoseEvent event) {
        List<KinesisFirehoseEvent.Record> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<KinesisAnalyticsInputPreprocessingResponse.Record> answers = new ArrayList<>(records.size());
        int dropped = 0;
        int failed = 0;
        for (KinesisFirehoseEvent.Record record : records) {
            byte[] data = bytes(record.getData());
            Long arrival = record.getApproximateArrivalTimestamp() != null
                ? record.getApproximateArrivalTimestamp() : record.getApproximateArrivalEpoch();
            EventCleanser.Cleansed cleansed = cleanser.cleanse(data, arrival == null ? Instant.now() : Instant.ofEpochMilli(arrival));
            Result result = switch (cleansed.result()) {
                case OK -> Result.Ok;
                case DROPPED -> Result.Dropped;
                case PROCESSING_FAILED -> Result.ProcessingFailed;
            };
            if (result == Result.Dropped) {
                dropped++;
            } else if (result == Result.ProcessingFailed) {
                failed++;
                LOG.warn("Record {} failed: {}", record.getRecordId(), cleansed.reason());
            }
            answers.add(new KinesisAnalyticsInputPreprocessingResponse.Record(record.getRecordId(), result, ByteBuffer.wrap(cleansed.data())));
        }
        LOG.info("Transformed {} records: {} dropped, {} failed", records.size(), dropped, failed);
        return new KinesisAnalyticsInputPreprocessingResponse(answers);
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
