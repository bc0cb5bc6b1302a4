-- One AES-256 key per reporter, for their personal data sealed in events and read models (crypto-shredding).
-- Created on the reporter's first seal; erasure sets key_bytes to NULL and keeps the row with erased_at, so that
-- the reporter stays known as erased (sealing for them is refused, opening answers nothing). Owned by
-- io.pilotage.reports.JdbcPersonalDataVault; not a read model: it is never replayed, and a replay cannot refill it.
-- wrapped: key_bytes are encrypted with the master key of configuration (pilotage.reports.vault.master-key).
CREATE TABLE reporter_key (
    reporter_id VARCHAR(255) PRIMARY KEY,
    key_bytes   BYTEA,
    wrapped     BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    erased_at   TIMESTAMPTZ,
    CONSTRAINT reporter_key_erased_has_no_key CHECK ((key_bytes IS NULL) = (erased_at IS NOT NULL))
);
