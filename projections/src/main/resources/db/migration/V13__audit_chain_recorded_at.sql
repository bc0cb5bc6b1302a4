-- When each sealed event was recorded, so that a report "as of" an instant can quote the chain head it used
-- with one index lookup (AuditQueries.FindChainHead). Links sealed before this column existed take their sealing
-- time: the sealer trails the appends by about a second.
ALTER TABLE audit_chain_link ADD COLUMN recorded_at TIMESTAMPTZ;
UPDATE audit_chain_link SET recorded_at = sealed_at;
ALTER TABLE audit_chain_link ALTER COLUMN recorded_at SET NOT NULL;
CREATE INDEX audit_chain_link_recorded_at ON audit_chain_link (recorded_at);
