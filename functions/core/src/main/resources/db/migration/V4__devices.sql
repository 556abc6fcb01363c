-- Devices registered for push notifications: one row per push token, owned by the user who registered it last.
-- The token (up to 4096 characters) is kept to re-enable its SNS endpoint; its SHA-256 (hex) carries the unique key,
-- since a 4096-character column cannot be indexed. One row per (platform, token): SNS keeps one endpoint per token
-- and platform application, so a token registered by another user (a phone that changed hands) moves to that user.
-- This also makes concurrent registrations of one token end in one device.
CREATE TABLE device (
    id           CHAR(36)      NOT NULL,
    owner_sub    VARCHAR(128)  NOT NULL,
    platform     VARCHAR(16)   NOT NULL,
    token        TEXT          NOT NULL,
    token_hash   CHAR(64)      NOT NULL,
    endpoint_arn VARCHAR(1024) NOT NULL,
    enabled      BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at   DATETIME(3)   NOT NULL,
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY device_by_token (platform, token_hash),
    INDEX device_by_owner (owner_sub, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
