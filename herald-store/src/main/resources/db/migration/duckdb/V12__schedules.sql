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
