-- Tracking: what recipients (and the machines in front of them) did with a message's links.
-- One row per request that a signed link answered: opens of the pixel, clicks of a tracked link,
-- unsubscribes. Written in batches; nothing is updated afterwards.
CREATE TABLE herald_event (
    message_id   BIGINT NOT NULL,
    delivery_id  BIGINT NOT NULL,
    kind         VARCHAR NOT NULL,                  -- open | click | unsubscribe
    link         INTEGER,                           -- a click's link, numbered from 1 in the message's order
    url          VARCHAR,                           -- where a click went
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    user_agent   VARCHAR,                           -- as sent, at most 512 characters
    machine      VARCHAR                            -- null: a person, as far as the request showed; else why not: privacy_proxy | scanner | honeypot
);
CREATE INDEX herald_event_delivery ON herald_event (delivery_id);
-- the message views read a message's first open and click
CREATE INDEX herald_event_message ON herald_event (message_id, kind);
