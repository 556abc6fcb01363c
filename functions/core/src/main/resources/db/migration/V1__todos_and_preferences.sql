-- To-dos: one row per to-do, always read and written with its owner's sub.
-- Ids are UUIDv7 strings: they grow with creation time, so id order is creation order and pages by id are stable.
CREATE TABLE todo (
    id         CHAR(36)      NOT NULL,
    owner_sub  VARCHAR(128)  NOT NULL,
    title      VARCHAR(200)  NOT NULL,
    notes      TEXT          NULL,
    done       BOOLEAN       NOT NULL DEFAULT FALSE,
    due_at     DATETIME(3)   NULL,
    created_at DATETIME(3)   NOT NULL,
    updated_at DATETIME(3)   NOT NULL,
    version    BIGINT        NOT NULL,
    PRIMARY KEY (id),
    INDEX todo_by_owner (owner_sub, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Preferences: one JSON object per user, versioned for optimistic concurrency across devices.
CREATE TABLE user_preferences (
    owner_sub   VARCHAR(128) NOT NULL,
    values_json TEXT         NOT NULL,
    version     BIGINT       NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (owner_sub)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
