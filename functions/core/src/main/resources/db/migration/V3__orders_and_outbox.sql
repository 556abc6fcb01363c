-- The product catalog: the only source of prices (clients send skus and quantities, never prices).
CREATE TABLE products (
    sku              VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    unit_price_minor BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (sku)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO products (sku, name, unit_price_minor, currency, active) VALUES
    ('TEA-GREEN-100', 'Green tea, 100 g', 450, 'EUR', TRUE),
    ('TEA-BLACK-100', 'Black tea, 100 g', 390, 'EUR', TRUE),
    ('TEA-OOLONG-50', 'Oolong tea, 50 g', 620, 'EUR', TRUE),
    ('MUG-STONE-300', 'Stoneware mug, 300 ml', 1250, 'EUR', TRUE),
    ('KETTLE-GOOSENECK', 'Gooseneck kettle, 0.8 l', 4990, 'EUR', TRUE);

-- Orders: ids are UUIDv7 strings (id order is creation order). The idempotency key is scoped to its owner:
-- the unique key makes concurrent retries of one order race for a single row, and request_hash (SHA-256 of the
-- normalised request) tells a retry of the same order from a reuse of the key for another one.
CREATE TABLE orders (
    id              CHAR(36)     NOT NULL,
    owner_sub       VARCHAR(128) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    total_minor     BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY orders_by_idempotency_key (owner_sub, idempotency_key),
    INDEX orders_by_owner (owner_sub, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An order's lines, priced when the order was placed (later catalog changes do not touch them).
CREATE TABLE order_lines (
    id               CHAR(36)     NOT NULL,
    order_id         CHAR(36)     NOT NULL,
    line_no          INT          NOT NULL,
    sku              VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    quantity         INT          NOT NULL,
    unit_price_minor BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY order_lines_by_order (order_id, line_no),
    CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The transactional outbox: events committed with the change they report, published later by the outbox relay
-- (at least once; consumers deduplicate by id). published_at stays NULL until a publisher confirmed the event;
-- attempts and last_error record failed tries. The relay claims pending rows oldest first with
-- SELECT ... FOR UPDATE SKIP LOCKED, so two relays never publish the same rows at the same time.
CREATE TABLE outbox (
    id           CHAR(36)     NOT NULL,
    destination  VARCHAR(32)  NOT NULL,
    type         VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(128) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    published_at DATETIME(3)  NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    last_error   VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    INDEX outbox_pending (published_at, created_at),
    INDEX outbox_by_destination (destination, published_at, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
