-- Campaigns: every publish is a new, immutable version of the document as written.
CREATE TABLE herald_campaign (
    id            VARCHAR NOT NULL,
    version       INTEGER NOT NULL,
    name          VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    digest        VARCHAR NOT NULL,    -- SHA-256 of source: publishing the same text again makes no version
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id, version)
);

-- Runs of a campaign version, and the state of each activity and transition: a restarted
-- process resumes a run from what is recorded here.
CREATE SEQUENCE herald_run_seq;

CREATE TABLE herald_run (
    id                  BIGINT PRIMARY KEY,
    campaign            VARCHAR NOT NULL,
    version             INTEGER NOT NULL,
    mode                VARCHAR NOT NULL,   -- live | test
    status              VARCHAR NOT NULL,   -- running | paused | suspended | waiting | finished | stopped | failed
    variables           VARCHAR NOT NULL,   -- JSON object: the values of vars.*
    fixed_now           TIMESTAMP WITH TIME ZONE,   -- the clock the run was started with, if any
    breakpoints         VARCHAR NOT NULL,   -- activity ids to pause before, comma-separated
    consecutive_errors  INTEGER NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    purged_at           TIMESTAMP WITH TIME ZONE    -- when its worktables were dropped
);

CREATE TABLE herald_run_activity (
    run_id      BIGINT NOT NULL,
    activity    VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,   -- running | done | failed | skipped | disabled | waiting
    started_at  TIMESTAMP WITH TIME ZONE,
    ended_at    TIMESTAMP WITH TIME ZONE,
    now_at      TIMESTAMP WITH TIME ZONE,   -- the instant its expressions were judged at, kept for a re-run
    wake_at     TIMESTAMP WITH TIME ZONE,   -- a wait's or a scheduler's timer
    rows_in     BIGINT,
    rows_out    BIGINT,
    attempts    INTEGER NOT NULL,
    sql_text    VARCHAR,
    error       VARCHAR,
    PRIMARY KEY (run_id, activity)
);

CREATE TABLE herald_run_transition (
    run_id     BIGINT NOT NULL,
    name       VARCHAR NOT NULL,    -- activity.output
    status     VARCHAR NOT NULL,    -- active | dead
    worktable  VARCHAR,
    "rows"     BIGINT,
    PRIMARY KEY (run_id, name)
);

CREATE SEQUENCE herald_run_log_seq;

CREATE TABLE herald_run_log (
    id        BIGINT PRIMARY KEY,
    run_id    BIGINT NOT NULL,
    "at"      TIMESTAMP WITH TIME ZONE NOT NULL,
    "level"   VARCHAR NOT NULL,     -- action | info | warning | error
    activity  VARCHAR,
    message   VARCHAR NOT NULL
);

-- Worktables are named herald_wt_<run>_<n>; incremental-query histories herald_history_<n>.
CREATE SEQUENCE herald_table_seq;

-- What an incremental query returned before: the table of keys, or the last date seen.
CREATE TABLE herald_incremental (
    campaign    VARCHAR NOT NULL,
    activity    VARCHAR NOT NULL,
    history     VARCHAR,
    last_value  TIMESTAMP WITH TIME ZONE,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign, activity)
);

-- Deliveries: what a channel activity of a run prepared and sent.
CREATE SEQUENCE herald_delivery_seq;

CREATE TABLE herald_delivery (
    id          BIGINT PRIMARY KEY,
    run_id      BIGINT NOT NULL,
    campaign    VARCHAR NOT NULL,
    activity    VARCHAR NOT NULL,
    channel     VARCHAR NOT NULL,
    mode        VARCHAR NOT NULL,   -- live | test (a test delivery prepares and never sends)
    status      VARCHAR NOT NULL,   -- sending | done
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (run_id, activity)
);

-- One row per message: per recipient, and per secondary record when the delivery has one.
CREATE TABLE herald_message (
    id              BIGINT NOT NULL,    -- delivery id * 2^32 + the message's position in the delivery
    delivery_id     BIGINT NOT NULL,
    campaign        VARCHAR NOT NULL,
    activity        VARCHAR NOT NULL,
    run_id          BIGINT NOT NULL,
    channel         VARCHAR NOT NULL,
    dimension       VARCHAR NOT NULL,   -- the recipient's entity
    recipient_id    BIGINT,             -- its key, when a number
    recipient_code  VARCHAR,            -- its key, when text
    secondary       VARCHAR,            -- the secondary record's entity (one message per booking…)
    secondary_id    BIGINT,
    secondary_code  VARCHAR,
    address         VARCHAR,
    status          VARCHAR NOT NULL,   -- pending | prepared | sent | failed | excluded
    reason          VARCHAR,            -- why excluded: no_address | no_consent | duplicate | duplicate_address
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    error           VARCHAR
);

-- The outbox channel: the rendered message, stored instead of sent.
CREATE TABLE herald_outbox (
    message_id   BIGINT NOT NULL,
    delivery_id  BIGINT NOT NULL,
    channel      VARCHAR NOT NULL,
    address      VARCHAR,
    subject      VARCHAR,
    body         VARCHAR NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
