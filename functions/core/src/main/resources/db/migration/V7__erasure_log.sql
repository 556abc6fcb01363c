-- What remains of a user after DELETE /me: that an erasure happened and when, never who in the clear.
-- subject_hash is the SHA-256 of the user's sub: it answers "was this user erased?" for a sub one already knows.
CREATE TABLE erasure_log (
    id           CHAR(36)     NOT NULL,
    subject_hash CHAR(64)     NOT NULL,
    erased_at    DATETIME(3)  NOT NULL,
    request_id   VARCHAR(64)  NULL,
    areas        VARCHAR(500) NOT NULL,
    PRIMARY KEY (id),
    INDEX erasure_log_by_subject (subject_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
