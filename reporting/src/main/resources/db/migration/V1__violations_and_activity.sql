-- officeguard reporting: every violation, the day's activity and which days are final.
-- Primary keys make every insert idempotent: a redelivered message stores nothing twice.

CREATE TABLE violation (
    id          VARCHAR(64)    NOT NULL PRIMARY KEY,
    site        VARCHAR(64)    NOT NULL,
    local_date  DATE           NOT NULL,
    rule        VARCHAR(32)    NOT NULL,
    ts_ms       BIGINT         NOT NULL,
    badge       VARCHAR(256)   NOT NULL,
    subject     VARCHAR(512)   NOT NULL,
    body        VARCHAR(65536) NOT NULL,
    stored_ms   BIGINT         NOT NULL
);
CREATE INDEX violation_by_day ON violation (site, local_date);

CREATE TABLE passage (
    site        VARCHAR(64)    NOT NULL,
    event_id    VARCHAR(256)   NOT NULL,
    local_date  DATE           NOT NULL,
    ts_ms       BIGINT         NOT NULL,
    badge       VARCHAR(256)   NOT NULL,
    granted     BOOLEAN        NOT NULL,
    origin      VARCHAR(128)   NOT NULL,
    destination VARCHAR(128)   NOT NULL,
    PRIMARY KEY (site, event_id)
);
CREATE INDEX passage_by_day ON passage (site, local_date);

CREATE TABLE lockup (
    site        VARCHAR(64)    NOT NULL,
    event_id    VARCHAR(256)   NOT NULL,
    local_date  DATE           NOT NULL,
    ts_ms       BIGINT         NOT NULL,
    badge       VARCHAR(256)   NOT NULL,
    PRIMARY KEY (site, event_id)
);

CREATE TABLE visitor (
    site        VARCHAR(64)    NOT NULL,
    badge       VARCHAR(256)   NOT NULL,
    name        VARCHAR(512)   NOT NULL,
    host        VARCHAR(256)   NOT NULL,
    PRIMARY KEY (site, badge)
);

CREATE TABLE site_clock (
    site         VARCHAR(64)   NOT NULL PRIMARY KEY,
    watermark_ms BIGINT        NOT NULL
);

CREATE TABLE closed_day (
    site        VARCHAR(64)    NOT NULL,
    local_date  DATE           NOT NULL,
    closed_ms   BIGINT         NOT NULL,
    PRIMARY KEY (site, local_date)
);
