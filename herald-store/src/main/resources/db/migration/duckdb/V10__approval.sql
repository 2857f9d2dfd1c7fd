-- Approval: a live delivery sends only once it is confirmed, by the run (approved when it started)
-- or by someone afterwards (herald run approve RUN ACTIVITY), unless the delivery needs none.
ALTER TABLE herald_run ADD COLUMN approved BOOLEAN DEFAULT false;
ALTER TABLE herald_delivery ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE herald_delivery ADD COLUMN approved_by VARCHAR;   -- who or what confirmed it
