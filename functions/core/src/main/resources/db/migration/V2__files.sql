-- User files: one row per file, always read and written with its owner's sub. The bytes live in S3 under
-- users/<sub>/<id>; the key is built from the owner and the id only, never from the client's name.
-- Ids are UUIDv7 strings, so id order is creation order: pages by (owner_sub, id) are stable and oldest first.
CREATE TABLE files (
    id           CHAR(36)      NOT NULL,
    owner_sub    VARCHAR(128)  NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    size         BIGINT        NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    INDEX files_by_owner (owner_sub, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
