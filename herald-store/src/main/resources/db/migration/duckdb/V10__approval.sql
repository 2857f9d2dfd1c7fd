-- Approval: a live delivery sends only once it is confirmed, by the run (approved when it started)
-- or by someone afterwards (herald run approve RUN ACTIVITY), unless the delivery needs none.
ALTER TABLE herald_run ADD COLUMN approved BOOLEAN DEFAULT false;
ALTER TABLE herald_delivery ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE herald_delivery ADD COLUMN approved_by VARCHAR;   -- who or what confirmed it
-- deliveries made before approval existed were never asked for one: a resumed run goes on sending them
UPDATE herald_delivery SET approved_at = created_at, approved_by = 'before approval existed';
-- how many times in a row a delivery could not send (its provider asked to try later, or was down): its next wait
ALTER TABLE herald_run_activity ADD COLUMN deferrals INTEGER DEFAULT 0;
