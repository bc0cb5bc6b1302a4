-- The tamper-evident chain over domainevententry (io.pilotage.audit.ChainLink): one link per event position,
-- written by the sealer that trails the appends. Not a read model: it is never rebuilt, since rebuilding it would
-- bless whatever the event store holds at that moment.
CREATE TABLE audit_chain_link (
    global_index     BIGINT       PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL,
    link             BYTEA        NOT NULL,
    sealed_at        TIMESTAMPTZ  NOT NULL
);
