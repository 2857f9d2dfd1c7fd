-- Receipts: what a provider said became of a message after it was sent (an SMSC's DELIVRD or UNDELIV).
-- The status stays 'sent'; the receipt is beside it.
ALTER TABLE herald_message ADD COLUMN receipt VARCHAR;            -- delivered | undelivered
ALTER TABLE herald_message ADD COLUMN receipt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE herald_message ADD COLUMN receipt_detail VARCHAR;     -- the provider's words: UNDELIV err:001

-- The provider's id of each sent message whose channel reports receipts (one row per part of a long SMS).
CREATE TABLE herald_provider_id (
    message_id   BIGINT NOT NULL,
    channel      VARCHAR NOT NULL,
    provider_id  VARCHAR NOT NULL
);
