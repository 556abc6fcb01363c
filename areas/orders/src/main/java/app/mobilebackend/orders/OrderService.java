package app.mobilebackend.orders;

import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.api.model.Money;
import app.mobilebackend.api.model.Order;
import app.mobilebackend.api.model.OrderCreate;
import app.mobilebackend.api.model.OrderLine;
import app.mobilebackend.api.model.OrderLineCreate;
import app.mobilebackend.api.model.OrderPage;
import app.mobilebackend.api.model.OrderStatus;
import app.mobilebackend.core.error.ApiException;
import app.mobilebackend.core.error.FieldViolationException;
import app.mobilebackend.core.http.Cursor;
import app.mobilebackend.outbox.Outbox;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules of placing and reading orders, free of HTTP and Lambda.
 *
 * <p>Exactly once per idempotency key: the key is scoped to its user and stored with the order, under a unique key.
 * A retry with the same key and the same request (same skus and quantities, in any line order) answers the order the
 * first request placed, as it is now; the same key with another request answers 409. Concurrent retries race for the
 * unique key: the database lets one insert through, the others read the winner's order and answer as a retry would.
 * A key is kept as long as its order.
 *
 * <p>A sku may appear on one line only: a repeated sku answers 422 naming the later line (one line per product,
 * so what the client sent and what the order shows line up one to one).
 */
@Singleton
public final class OrderService {

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    /** MySQL's and MariaDB's error code for a duplicate key. */
    private static final int DUPLICATE_KEY = 1062;

    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final ProductRepository products;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    OrderService(OrderRepository orders, OrderLineRepository lines, ProductRepository products, Outbox outbox,
                 TransactionOperations<Connection> transactions, Clock clock) {
        this.orders = orders;
        this.lines = lines;
        this.products = products;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** An order and whether it was placed by an earlier request with the same idempotency key. */
    public record Placement(Order order, boolean replayed) {
    }

    /**
     * Places the order (with its {@code OrderPlaced} events, in one transaction), or answers the order an earlier
     * request with the same key placed: 422 for a repeated sku or unknown skus, 409 for a key reused with
     * another request.
     */
    public Placement place(String ownerSub, String idempotencyKey, OrderCreate request) {
        List<OrderLineCreate> requested = request.getLines();
        rejectRepeatedSkus(requested);
        String hash = RequestHash.of(requested);
        try {
            return transactions.executeWrite(status -> placeOnce(ownerSub, idempotencyKey, hash, requested));
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Another request with this key committed first: answer as its retry (a new transaction, to see it).
            return transactions.executeRead(status -> replay(ownerSub, idempotencyKey, hash)).orElseThrow(() -> e);
        }
    }

    public OrderPage list(String ownerSub, int limit, String cursor) {
        List<OrderRow> rows = orders.findPage(ownerSub, Cursor.decode(cursor), limit + 1);
        boolean more = rows.size() > limit;
        List<OrderRow> page = more ? rows.subList(0, limit) : rows;
        OrderPage result = new OrderPage(toApi(page));
        if (more) {
            result.setNextCursor(Cursor.encode(page.get(page.size() - 1).id()));
        }
        return result;
    }

    public Order get(String ownerSub, String id) {
        OrderRow row = orders.findByIdAndOwnerSub(id, ownerSub)
            .orElseThrow(() -> ApiException.notFound("No order with id " + id + "."));
        return toApi(List.of(row)).get(0);
    }

    /** Every order of {@code ownerSub}, oldest first. */
    public List<Order> all(String ownerSub) {
        return toApi(orders.findByOwnerSubOrderById(ownerSub));
    }

    /** Deletes every order of {@code ownerSub} and its lines; idempotent. */
    public void deleteAll(String ownerSub) {
        transactions.executeWrite(status -> {
            lines.deleteByOwnerSub(ownerSub);
            return orders.deleteByOwnerSub(ownerSub);
        });
    }

    private Placement placeOnce(String ownerSub, String key, String hash, List<OrderLineCreate> requested) {
        Optional<Placement> earlier = replay(ownerSub, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<ProductRow> priced = price(requested);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String orderId = IDS.generate().toString();
        String currency = priced.get(0).currency();
        List<OrderLineRow> lineRows = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < requested.size(); i++) {
            ProductRow product = priced.get(i);
            int quantity = requested.get(i).getQuantity();
            lineRows.add(new OrderLineRow(IDS.generate().toString(), orderId, i, product.sku(), product.name(), quantity,
                product.unitPriceMinor(), product.currency()));
            total = Math.addExact(total, Math.multiplyExact(product.unitPriceMinor(), quantity));
        }
        OrderRow row = orders.save(new OrderRow(orderId, ownerSub, OrderStatus.PLACED.getValue(), total, currency, key, hash,
            now, now, 1));
        lines.saveAll(lineRows);
        Order order = toApi(row, lineRows);
        outbox.append(Outbox.EVENTBRIDGE, OrderEventDetail.ORDER_PLACED, ownerSub, now, eventId -> new OrderEventDetail(
            eventId, OrderEventDetail.ORDER_PLACED, orderId, ownerSub, OrderStatus.PLACED.getValue(), null,
            order.getLines(), order.getTotal(), now.toString()));
        outbox.append(Outbox.PUSH, OrderEventDetail.ORDER_PLACED, ownerSub, now, eventId -> new PushMessage(
            "Order received", "We received your order of " + itemCount(requested) + " item(s), "
                + format(order.getTotal()) + ".",
            Map.of("orderId", orderId, "status", OrderStatus.PLACED.getValue())));
        return new Placement(order, false);
    }

    private Optional<Placement> replay(String ownerSub, String key, String hash) {
        return orders.findByOwnerSubAndIdempotencyKey(ownerSub, key).map(existing -> {
            if (!existing.requestHash().equals(hash)) {
                throw ApiException.conflict("Idempotency-Key " + key + " was used for another request.");
            }
            return new Placement(toApi(List.of(existing)).get(0), true);
        });
    }

    /** The catalog product of each line, in line order: 422 naming every line whose sku is unknown or not for sale. */
    private List<ProductRow> price(List<OrderLineCreate> requested) {
        Map<String, ProductRow> catalog = products.findBySkuIn(requested.stream().map(OrderLineCreate::getSku).toList())
            .stream().collect(Collectors.toMap(ProductRow::sku, Function.identity()));
        List<FieldError> unknown = new ArrayList<>();
        List<ProductRow> priced = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String sku = requested.get(i).getSku();
            ProductRow product = catalog.get(sku);
            if (product == null || !product.active()) {
                unknown.add(new FieldError("lines[" + i + "].sku", "no product with sku " + sku));
            } else {
                priced.add(product);
            }
        }
        if (!unknown.isEmpty()) {
            throw FieldViolationException.unprocessable("Some lines name no product of the catalog.", unknown);
        }
        String currency = priced.get(0).currency();
        List<FieldError> otherCurrency = new ArrayList<>();
        for (int i = 1; i < priced.size(); i++) {
            if (!priced.get(i).currency().equals(currency)) {
                otherCurrency.add(new FieldError("lines[" + i + "].sku", "product " + priced.get(i).sku()
                    + " is priced in " + priced.get(i).currency() + ", the order in " + currency));
            }
        }
        if (!otherCurrency.isEmpty()) {
            throw FieldViolationException.unprocessable("All lines of an order must be priced in one currency.", otherCurrency);
        }
        return priced;
    }

    private static void rejectRepeatedSkus(List<OrderLineCreate> requested) {
        Map<String, Integer> firstLine = new HashMap<>();
        List<FieldError> repeated = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Integer first = firstLine.putIfAbsent(requested.get(i).getSku(), i);
            if (first != null) {
                repeated.add(new FieldError("lines[" + i + "].sku",
                    "sku " + requested.get(i).getSku() + " is already on lines[" + first + "]; order it once, with the total quantity"));
            }
        }
        if (!repeated.isEmpty()) {
            throw FieldViolationException.unprocessable("A product may be on one line only.", repeated);
        }
    }

    private List<Order> toApi(List<OrderRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<OrderLineRow>> byOrder = new LinkedHashMap<>();
        lines.findByOrderIdIn(rows.stream().map(OrderRow::id).toList())
            .forEach(line -> byOrder.computeIfAbsent(line.orderId(), id -> new ArrayList<>()).add(line));
        return rows.stream().map(row -> toApi(row, byOrder.getOrDefault(row.id(), List.of()))).toList();
    }

    static Order toApi(OrderRow row, List<OrderLineRow> lineRows) {
        List<OrderLine> apiLines = lineRows.stream()
            .sorted(Comparator.comparingInt(OrderLineRow::lineNo))
            .map(line -> new OrderLine(line.sku(), line.name(), line.quantity(),
                new Money(line.unitPriceMinor(), line.currency()),
                new Money(line.unitPriceMinor() * line.quantity(), line.currency())))
            .toList();
        return new Order(row.id(), OrderStatus.fromValue(row.status()), apiLines, new Money(row.totalMinor(), row.currency()),
            row.createdAt().atOffset(ZoneOffset.UTC), row.updatedAt().atOffset(ZoneOffset.UTC));
    }

    private static int itemCount(List<OrderLineCreate> requested) {
        return requested.stream().mapToInt(OrderLineCreate::getQuantity).sum();
    }

    static String format(Money money) {
        return String.format("%s %d.%02d", money.getCurrency(), money.getAmountMinor() / 100, money.getAmountMinor() % 100);
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
