-- Secrets Herald makes for itself, once per store and shared by every process on it: the key that
-- signs unsubscribe and tracking links. Never printed, never exported.
CREATE TABLE herald_secret (
    name VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
