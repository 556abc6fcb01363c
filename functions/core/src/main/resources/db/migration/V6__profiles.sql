-- User profiles, created by the Cognito post-confirmation trigger when a user confirms sign-up.
-- welcome_sent_at stays NULL until SES accepted the welcome email, so a retried trigger sends it at most once more
-- if it failed and never again once it succeeded.
CREATE TABLE profiles (
    sub             VARCHAR(128) NOT NULL,
    email           VARCHAR(320) NULL,
    created_at      DATETIME(3)  NOT NULL,
    welcome_sent_at DATETIME(3)  NULL,
    PRIMARY KEY (sub)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
