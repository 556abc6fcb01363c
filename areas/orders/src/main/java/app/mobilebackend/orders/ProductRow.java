package app.mobilebackend.orders;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A product of the catalog: the only source of prices. Inactive products cannot be ordered. */
@MappedEntity("products")
public record ProductRow(@Id String sku, String name, long unitPriceMinor, String currency, boolean active) {
}
