-- Who drives a run: a process says it is alive every few seconds while it drives one.
ALTER TABLE herald_run ADD COLUMN driver VARCHAR;                       -- the process (host/pid)
ALTER TABLE herald_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE; -- when it last said it was alive

-- A second copy of a message in the outbox is an error. (herald_message has no key on DuckDB: an
-- index would slow the bulk insert of a delivery's messages; their ids are unique by construction.)
ALTER TABLE herald_outbox ADD PRIMARY KEY (message_id);

-- herald_message.reason, why a recipient was excluded, is one of:
-- no_record | no_address | invalid_address | no_consent | duplicate_address
