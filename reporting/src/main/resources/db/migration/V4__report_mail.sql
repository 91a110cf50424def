-- The morning e-mail (SPEC §6): one row per final report owed to an address, written in the transaction that marks
-- the day closed, so that a final day always owes its mails and a restart finds what is still owed. A process
-- claims a row (claimed_by, claimed_ms: a lease) in a transaction of its own before it sends, and marks it sent
-- after; a claim whose lease ran out is taken again (docs/decisions.md "The morning e-mail").

CREATE TABLE report_mail (
    site        VARCHAR(64)    NOT NULL,
    local_date  DATE           NOT NULL,
    address     VARCHAR(254)   NOT NULL,
    violations  BIGINT         NOT NULL,
    owed_ms     BIGINT         NOT NULL,
    claimed_by  VARCHAR(64),
    claimed_ms  BIGINT,
    attempts    INTEGER        NOT NULL,
    last_error  VARCHAR(1024),
    sent_ms     BIGINT,
    PRIMARY KEY (site, local_date, address)
);
CREATE INDEX report_mail_by_sent ON report_mail (sent_ms);
