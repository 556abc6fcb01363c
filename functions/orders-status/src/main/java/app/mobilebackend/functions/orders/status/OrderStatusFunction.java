package app.mobilebackend.functions.orders.status;

import app.mobilebackend.api.model.OrderStatus;
import app.mobilebackend.orders.OrderStatusService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * Applies fulfilment's {@code OrderStatusUpdated} events to orders ({@link OrderStatusService}). An event that is
 * not one, names no order or an impossible move is logged and dropped (retrying would not help); a database failure
 * throws, so Lambda retries the event. Answers what it did, as {@code {"outcome": ...}}.
 */
public class OrderStatusFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The outcome of an event that is not a well-formed status update. */
    public static final String IGNORED = "IGNORED";
    private static final Logger LOG = LoggerFactory.getLogger(OrderStatusFunction.class);

    @Inject
    OrderStatusService statuses;

    @Inject
    JsonMapper json;

    /** As the Lambda runtime builds it. */
    public OrderStatusFunction() {
    }

    public OrderStatusFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        OrderStatusUpdated event = read(input);
        if (event == null || !OrderStatusUpdated.SOURCE.equals(event.source())
            || !OrderStatusUpdated.DETAIL_TYPE.equals(event.detailType())
            || event.detail() == null || event.detail().orderId() == null || event.detail().status() == null) {
            LOG.warn("Not an {} event from {}: dropped ({})", OrderStatusUpdated.DETAIL_TYPE, OrderStatusUpdated.SOURCE, input);
            return Map.of("outcome", IGNORED);
        }
        OrderStatus status;
        try {
            status = OrderStatus.fromValue(event.detail().status());
        } catch (IllegalArgumentException e) {
            LOG.warn("Event {}: unknown order status {}: dropped", event.id(), event.detail().status());
            return Map.of("outcome", IGNORED);
        }
        return Map.of("outcome", statuses.update(event.detail().orderId(), status).name());
    }

    private OrderStatusUpdated read(Map<String, Object> input) {
        if (input == null) {
            return null;
        }
        try {
            return json.readValueFromTree(json.writeValueToTree(input), OrderStatusUpdated.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unreadable event: {}", e.getMessage());
            return null;
        }
    }
}
