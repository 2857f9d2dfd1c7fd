-- What to do next, for a log line that suggests something: an action's code (resume_run 42),
-- which each client spells in its own terms (a command, an API route).
ALTER TABLE herald_run_log ADD COLUMN hint VARCHAR;
