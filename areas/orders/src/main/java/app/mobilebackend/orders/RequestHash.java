package app.mobilebackend.orders;

import app.mobilebackend.api.model.OrderLineCreate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of an order request, to tell a retry from another request with the same idempotency key: SHA-256 of
 * the normalised request, its (sku, quantity) pairs sorted by sku. Line order, JSON formatting and unknown
 * properties do not change it; a different sku or quantity does.
 */
final class RequestHash {

    private RequestHash() {
    }

    static String of(List<OrderLineCreate> lines) {
        StringBuilder canonical = new StringBuilder("v1");
        lines.stream()
            .sorted(Comparator.comparing(OrderLineCreate::getSku))
            // length-prefixed, so no sku can pass for another line
            .forEach(line -> canonical.append('\n').append(line.getSku().length()).append(':').append(line.getSku())
                .append('=').append(line.getQuantity()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
