-- The view-online mirror of an email: its HTML body as the recipient got it (tracked links, the open
-- pixel), gzip-compressed, written with the batch that marks it sent. Only for messages whose body
-- links to it ({{ message.view_online_url }}).
CREATE TABLE herald_mirror (
    message_id  BIGINT NOT NULL PRIMARY KEY,
    body        BYTEA NOT NULL
);
