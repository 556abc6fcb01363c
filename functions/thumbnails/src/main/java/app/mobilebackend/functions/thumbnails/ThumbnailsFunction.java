package app.mobilebackend.functions.thumbnails;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * Makes the thumbnail of an uploaded image ({@link UploadThumbnails}) for each S3 {@code Object Created} event an
 * EventBridge rule delivers (the files bucket, keys under {@code users/}). An event that is not one is logged and
 * dropped; S3 or database failures throw, so Lambda retries the event. Answers {@code {"outcome": ...}}.
 */
public class ThumbnailsFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The outcome of an event that is not an S3 Object Created event naming a key. */
    public static final String IGNORED = "IGNORED";
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailsFunction.class);

    @Inject
    UploadThumbnails thumbnails;

    @Inject
    JsonMapper json;

    /** As the Lambda runtime builds it. */
    public ThumbnailsFunction() {
    }

    public ThumbnailsFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        ObjectCreated event = read(input);
        String key = event == null ? null : event.key();
        if (key == null) {
            LOG.warn("Not an {} event from {}: dropped ({})", ObjectCreated.DETAIL_TYPE, ObjectCreated.SOURCE, input);
            return Map.of("outcome", IGNORED);
        }
        return Map.of("outcome", thumbnails.handle(key).name());
    }

    private ObjectCreated read(Map<String, Object> input) {
        if (input == null) {
            return null;
        }
        try {
            return json.readValueFromTree(json.writeValueToTree(input), ObjectCreated.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unreadable event: {}", e.getMessage());
            return null;
        }
    }
}
