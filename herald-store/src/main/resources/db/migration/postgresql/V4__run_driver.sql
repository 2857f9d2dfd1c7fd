-- Who drives a run: a process says it is alive every few seconds while it drives one.
ALTER TABLE herald_run ADD COLUMN driver VARCHAR;                       -- the process (host/pid)
ALTER TABLE herald_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE; -- when it last said it was alive

-- herald_message.reason, why a recipient was excluded, is one of:
-- no_record | no_address | invalid_address | no_consent | duplicate_address
