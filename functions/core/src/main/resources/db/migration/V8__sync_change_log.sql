-- Sync (area sync): each user's change log, read by GET /sync/changes.
-- One row per user. Every change of a to-do or of the preferences takes the next seq by updating this row in the
-- change's own transaction: the row lock serialises one user's writers, so their seq order is their commit order and a
-- reader that has seen seq n has seen every change numbered below n. log_id is new after an erasure (the row goes
-- with the user's data), so that a device's cursor of the old log answers 410. purged_seq is the highest seq of a
-- tombstone purged after the retention: a cursor that has not read up to it answers 410.
CREATE TABLE sync_log (
    owner_sub  VARCHAR(128) NOT NULL,
    log_id     CHAR(36)     NOT NULL,
    seq        BIGINT       NOT NULL,
    purged_seq BIGINT       NOT NULL,
    PRIMARY KEY (owner_sub)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The latest change of each entity (a to-do, or the preferences: entity_id 'preferences'), numbered by sync_log.
-- A change moves its entity's row to the new seq, so the log never holds more rows than entities plus tombstones.
-- deleted rows are the tombstones, purged after the retention (30 days).
CREATE TABLE sync_change (
    owner_sub   VARCHAR(128) NOT NULL,
    entity_type VARCHAR(16)  NOT NULL,
    entity_id   VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    deleted     BOOLEAN      NOT NULL,
    version     BIGINT       NOT NULL,
    changed_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (owner_sub, entity_type, entity_id),
    -- the feed: WHERE owner_sub = ? AND seq > ? ORDER BY seq LIMIT ?, a range of this index
    INDEX sync_change_by_seq (owner_sub, seq),
    -- the purge: WHERE owner_sub = ? AND deleted AND changed_at < ?
    INDEX sync_change_tombstones (owner_sub, deleted, changed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What exists already is where each user's log starts: their to-dos in id (creation) order, then their preferences.
INSERT INTO sync_change (owner_sub, entity_type, entity_id, seq, deleted, version, changed_at)
SELECT owner_sub, 'todo', id, ROW_NUMBER() OVER (PARTITION BY owner_sub ORDER BY id), FALSE, version, updated_at
FROM todo;

INSERT INTO sync_change (owner_sub, entity_type, entity_id, seq, deleted, version, changed_at)
SELECT p.owner_sub, 'preferences', 'preferences',
       COALESCE((SELECT COUNT(*) FROM todo t WHERE t.owner_sub = p.owner_sub), 0) + 1, FALSE, p.version, p.updated_at
FROM user_preferences p;

INSERT INTO sync_log (owner_sub, log_id, seq, purged_seq)
SELECT owner_sub, UUID(), MAX(seq), 0
FROM sync_change
GROUP BY owner_sub;
