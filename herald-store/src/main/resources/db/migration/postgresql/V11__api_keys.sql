-- API keys: who may call the server's API, and as what. The key itself is shown once, when made;
-- only its SHA-256 is kept (a key is 256 random bits: no dictionary to guess it from).
CREATE TABLE herald_api_key (
    id           VARCHAR NOT NULL PRIMARY KEY,       -- the key's public part: hk_ID_SECRET
    name         VARCHAR NOT NULL,                   -- what it is for: "CRM sync", "Ann (ops)"
    role         VARCHAR NOT NULL,                   -- admin | editor | operator | viewer
    secret_hash  VARCHAR NOT NULL,                   -- hex SHA-256 of the secret part
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,           -- null: until revoked
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE
);

-- Every call that changes something: who (the key), what (method, path, outcome), when, from where.
CREATE SEQUENCE herald_audit_seq;
CREATE TABLE herald_audit (
    id         BIGINT PRIMARY KEY DEFAULT nextval('herald_audit_seq'),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id     VARCHAR,                              -- null: no valid key (refused)
    role       VARCHAR,
    method     VARCHAR NOT NULL,
    path       VARCHAR NOT NULL,
    status     INTEGER NOT NULL,                     -- the HTTP status it was answered with
    address    VARCHAR,                              -- the caller's IP address
    detail     VARCHAR                               -- what it did: "started run 12", the problem's title
);
CREATE INDEX herald_audit_occurred_at ON herald_audit (occurred_at);
