-- The faults an intervention covers besides the one it was opened for: the points a cabinet's supply loss
-- darkens, a second failure on the same point. Owned by the operations board.
CREATE TABLE rm_interventions_fault (
    intervention_id VARCHAR(64)              NOT NULL,
    asset_id        VARCHAR(64)              NOT NULL,
    fault_ref       VARCHAR(64)              NOT NULL,
    attached_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (intervention_id, fault_ref)
);
