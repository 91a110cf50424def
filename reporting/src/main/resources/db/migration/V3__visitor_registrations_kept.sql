-- Every registration of a visitor's card, not only the newest: reception hands a card to a new visitor each day
-- (SPEC §2: registering a card again replaces its pass), and a report names the visitor who held the card when the
-- violation happened. Before, one name per card was kept for all time, and a past day's report named whoever had
-- the card last. Keyed by the registration's event id: a redelivered registration is stored once.

CREATE TABLE visitor_registration (
    site          VARCHAR(64)    NOT NULL,
    event_id      VARCHAR(512)   NOT NULL,
    badge         VARCHAR(256)   NOT NULL,
    registered_ms BIGINT         NOT NULL,
    name          VARCHAR(512)   NOT NULL,
    host          VARCHAR(256)   NOT NULL,
    PRIMARY KEY (site, event_id)
);
CREATE INDEX visitor_registration_by_badge ON visitor_registration (site, badge, registered_ms);

-- what was kept so far: the newest registration of each card, of unknown time (held since the beginning)
INSERT INTO visitor_registration (site, event_id, badge, registered_ms, name, host)
    SELECT site, 'before-v3:' || badge, badge, 0, name, host FROM visitor;

DROP TABLE visitor;
