-- The content catalog: what GET /content lists and GET /content/{id}/access signs URLs for.
-- object_key is the object's path under the CDN domain (content.cdn-domain), without a leading slash.
-- Ids are readable slugs chosen by whoever publishes the item; the catalog pages in id order.
CREATE TABLE content_items (
    id          VARCHAR(64)   NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    description TEXT          NULL,
    media_type  VARCHAR(100)  NOT NULL,
    object_key  VARCHAR(1024) NOT NULL,
    premium     BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO content_items (id, title, description, media_type, object_key, premium, created_at) VALUES
    ('meditation-01',    'Meditation, session 1',  'Ten quiet minutes.',     'audio/mpeg',      'audio/meditation-01.mp3',   FALSE, '2026-11-01 00:00:00.000'),
    ('yoga-advanced-01', 'Advanced yoga, lesson 1', 'Inversions.',           'video/mp4',       'video/yoga-advanced-01.mp4', TRUE,  '2026-11-01 00:00:00.000'),
    ('yoga-advanced-02', 'Advanced yoga, lesson 2', 'Arm balances.',         'video/mp4',       'video/yoga-advanced-02.mp4', TRUE,  '2026-11-01 00:00:00.000'),
    ('yoga-basics-01',   'Yoga basics, lesson 1',   'Breathing and posture.', 'video/mp4',      'video/yoga-basics-01.mp4',   FALSE, '2026-11-01 00:00:00.000'),
    ('yoga-guide',       'The yoga guide',          NULL,                     'application/pdf', 'docs/yoga-guide.pdf',        TRUE,  '2026-11-01 00:00:00.000');

-- Premium memberships bought outside Cognito (an app store subscription, say): a user is premium while a row of
-- theirs is active and not yet expired. The Cognito group "premium" is the other way to be premium.
CREATE TABLE premium_subscriptions (
    id         CHAR(36)     NOT NULL,
    user_sub   VARCHAR(128) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    expires_at DATETIME(3)  NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    INDEX premium_subscriptions_by_user (user_sub, status, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
