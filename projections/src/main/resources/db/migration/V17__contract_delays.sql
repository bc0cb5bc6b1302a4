-- The delay KPI (io.pilotage.contract.delays.DelayKpiProjection): one row version per intervention and event, so
-- that a month "as of" an instant is an index query. recorded_from is the recorded time of the event that made
-- the version, recorded_to the next version's (null while current), from_position the event's position.
CREATE TABLE rm_contract_delay (
    intervention_id    VARCHAR(255) NOT NULL,
    from_position      BIGINT       NOT NULL,
    recorded_from      TIMESTAMPTZ  NOT NULL,
    recorded_to        TIMESTAMPTZ,
    month              CHAR(7)      NOT NULL,
    priority           VARCHAR(2)   NOT NULL,
    category           VARCHAR(32)  NOT NULL,
    commune            VARCHAR(64)  NOT NULL,
    terms_version      INT          NOT NULL,
    cancelled          BOOLEAN      NOT NULL,
    opened_at          TIMESTAMPTZ  NOT NULL,
    make_safe_within_s BIGINT,
    repair_within_s    BIGINT       NOT NULL,
    make_safe_due_at   TIMESTAMPTZ,
    repair_due_at      TIMESTAMPTZ  NOT NULL,
    made_safe_at       TIMESTAMPTZ,
    resolved_at        TIMESTAMPTZ,
    paused_closed_s    BIGINT       NOT NULL,
    paused_since       TIMESTAMPTZ,
    make_safe_net_s    BIGINT,
    make_safe_late_s   BIGINT,
    repair_net_s       BIGINT,
    repair_late_s      BIGINT,
    evidence           BIGINT[]     NOT NULL,
    PRIMARY KEY (intervention_id, from_position)
);
CREATE INDEX rm_contract_delay_current ON rm_contract_delay (month, commune) WHERE recorded_to IS NULL;
CREATE INDEX rm_contract_delay_as_of ON rm_contract_delay (month, recorded_from);
CREATE UNIQUE INDEX rm_contract_delay_latest ON rm_contract_delay (intervention_id) WHERE recorded_to IS NULL;

-- The pauses of each intervention: the working state the versions are computed from.
CREATE TABLE rm_contract_delay_pause (
    intervention_id VARCHAR(255) NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    ended_at        TIMESTAMPTZ,
    PRIMARY KEY (intervention_id, started_at)
);
