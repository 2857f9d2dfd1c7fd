-- Named audiences: every save is a new version. An 'expression' audience keeps its condition;
-- a 'static' audience keeps its population in the table named in population_table.
CREATE TABLE herald_audience (
    name              VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    dimension         VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    expression        VARCHAR NOT NULL,
    population_table  VARCHAR,
    size              BIGINT NOT NULL,
    saved_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, version)
);
