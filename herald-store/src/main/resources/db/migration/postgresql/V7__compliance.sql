-- Compliance: what each message is for, the suppression list, subscriptions, and bounces.

-- marketing | transactional: only marketing messages count toward frequency caps.
ALTER TABLE herald_message ADD COLUMN category VARCHAR DEFAULT 'marketing';
-- the delivery's subscription topic, or null
ALTER TABLE herald_message ADD COLUMN topic VARCHAR;
-- herald_message.reason gains: unsubscribed | not_subscribed | suppressed | frequency_cap

-- Addresses that get no message of their channel: hard bounces and complaints until removed,
-- repeated soft bounces until expires_at, entries by hand or from a file.
CREATE TABLE herald_suppression (
    channel     VARCHAR NOT NULL,
    address     VARCHAR NOT NULL,                 -- trimmed, lower case
    reason      VARCHAR NOT NULL,                 -- hard_bounce | complaint | soft_bounces | manual | import
    detail      VARCHAR,                          -- the provider's answer, or a note
    source      VARCHAR,                          -- the message, the file or the command it came from
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,         -- null: until someone removes it
    PRIMARY KEY (channel, address)
);

-- What a recipient said about a channel (topic '') or one of its topics.
CREATE TABLE herald_subscription (
    dimension   VARCHAR NOT NULL,
    recipient   VARCHAR NOT NULL,                 -- the recipient's key, as text
    channel     VARCHAR NOT NULL,
    topic       VARCHAR NOT NULL,
    subscribed  BOOLEAN NOT NULL,
    source      VARCHAR,                          -- an unsubscribe link, a STOP message, a command
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dimension, recipient, channel, topic)
);

-- Every bounce and complaint, the evidence behind the suppression list (soft bounces are counted here).
CREATE TABLE herald_bounce (
    channel     VARCHAR NOT NULL,
    address     VARCHAR NOT NULL,                 -- trimmed, lower case
    kind        VARCHAR NOT NULL,                 -- hard | soft | complaint
    detail      VARCHAR,
    message_id  BIGINT,
    bounced_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX herald_bounce_address ON herald_bounce (channel, address, bounced_at);
