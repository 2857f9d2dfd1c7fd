-- Scheduled campaigns: which moment of a campaign's schedule each run was started for. One row per
-- campaign and moment, written with its run: of several servers that see a moment due at once, one
-- starts the run.
CREATE TABLE herald_schedule_run (
    campaign       VARCHAR NOT NULL,
    scheduled_for  TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id         BIGINT NOT NULL,
    PRIMARY KEY (campaign, scheduled_for)
);

-- Archived campaigns: kept with their versions and runs, but not listed, not scheduled, not started.
CREATE TABLE herald_campaign_archive (
    campaign     VARCHAR NOT NULL PRIMARY KEY,
    archived_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Transactional messages (POST /api/v1/messages): one message to one recipient now; and proofs, a
-- delivery's message sent to seed addresses before the delivery. The messages of one kind of one
-- delivery activity of one campaign version go to one delivery, held by a run of their own.
CREATE TABLE herald_transactional (
    campaign     VARCHAR NOT NULL,
    version      INTEGER NOT NULL,
    activity     VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,      -- transactional | proof (a proof delivery's mode is 'proof': no report counts it)
    run_id       BIGINT NOT NULL,
    delivery_id  BIGINT NOT NULL,
    PRIMARY KEY (campaign, version, activity, kind)
);

-- The position of a transactional message or proof in its delivery (its id is delivery id * 2^32 + this).
CREATE SEQUENCE herald_transactional_seq;

-- A caller's idempotency key: the same key again answers with the message it made, sending nothing twice.
CREATE TABLE herald_transactional_key (
    campaign         VARCHAR NOT NULL,
    idempotency_key  VARCHAR NOT NULL,
    message_id       BIGINT NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign, idempotency_key)
);
