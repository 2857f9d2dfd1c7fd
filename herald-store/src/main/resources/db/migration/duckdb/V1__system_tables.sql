-- Herald's own tables. User entities live beside them; their names never start with 'herald_'.
CREATE TABLE herald_entity (
    name        VARCHAR PRIMARY KEY,
    definition  VARCHAR NOT NULL,   -- the fields as applied, 'name type' per line, in order
    applied_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE SEQUENCE herald_import_seq;

CREATE TABLE herald_import (
    id           BIGINT PRIMARY KEY DEFAULT nextval('herald_import_seq'),
    entity       VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    mode         VARCHAR NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rows_read    BIGINT NOT NULL,
    inserted     BIGINT NOT NULL,
    updated      BIGINT NOT NULL,
    deleted      BIGINT NOT NULL,
    rejected     BIGINT NOT NULL,
    rolled_back  BOOLEAN NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL
);
