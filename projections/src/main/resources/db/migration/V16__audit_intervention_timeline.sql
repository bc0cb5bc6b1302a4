-- The index behind an intervention's audit timeline (io.pilotage.audit.timeline.InterventionTimelineProjection):
-- which stored events concern which intervention, by global index, so that a timeline reads its rows from
-- domainevententry by primary key instead of scanning the store. recorded_at is the event's recorded time, so that
-- "as of" an instant is an index condition.

-- When each intervention was opened: it exists as of an instant when it was opened before it.
CREATE TABLE rm_audit_intervention (
    intervention_id   VARCHAR(255) PRIMARY KEY,
    opened_position   BIGINT       NOT NULL,
    opened_recorded_at TIMESTAMPTZ NOT NULL
);

-- The events that name the intervention: its own, its asset claims', its crews'.
CREATE TABLE rm_audit_intervention_event (
    intervention_id VARCHAR(255) NOT NULL,
    global_index    BIGINT       NOT NULL,
    occurred_at     TIMESTAMPTZ,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (intervention_id, global_index)
);

-- The events of a lamp failure (reported, repaired, closed with its point), stored by failure id: the failure is
-- reported before the intervention for it opens, and which intervention covers it is known only then.
CREATE TABLE rm_audit_failure_event (
    failure_id   VARCHAR(255) NOT NULL,
    global_index BIGINT       NOT NULL,
    occurred_at  TIMESTAMPTZ,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (failure_id, global_index)
);

-- Which intervention covers which failure (opened for it, or attached to it), and since when that is known.
CREATE TABLE rm_audit_failure_intervention (
    failure_id      VARCHAR(255) NOT NULL,
    intervention_id VARCHAR(255) NOT NULL,
    global_index    BIGINT       NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (failure_id, intervention_id)
);
CREATE INDEX rm_audit_failure_intervention_by_intervention ON rm_audit_failure_intervention (intervention_id);
