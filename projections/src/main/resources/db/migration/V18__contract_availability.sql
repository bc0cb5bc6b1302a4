-- The availability KPI (io.pilotage.contract.availability.AvailabilityKpiProjection): versions of each light
-- point's time in service and of each failure's span, so a month "as of" an instant is an index query. A point's
-- burning_from_ms and burning_to_ms are the cumulative burning time (BurningSchedule.cumulativeMillis) at the ends
-- of its service: the scheduled burning time of a period is then a sum in SQL.
CREATE TABLE rm_contract_point (
    light_point_id  VARCHAR(255) NOT NULL,
    from_position   BIGINT       NOT NULL,
    recorded_from   TIMESTAMPTZ  NOT NULL,
    recorded_to     TIMESTAMPTZ,
    commune         VARCHAR(64)  NOT NULL,
    in_service_from TIMESTAMPTZ  NOT NULL,
    in_service_to   TIMESTAMPTZ,
    burning_from_ms BIGINT       NOT NULL,
    burning_to_ms   BIGINT,
    PRIMARY KEY (light_point_id, from_position)
);
CREATE UNIQUE INDEX rm_contract_point_latest ON rm_contract_point (light_point_id) WHERE recorded_to IS NULL;
CREATE INDEX rm_contract_point_current ON rm_contract_point (commune, in_service_from) WHERE recorded_to IS NULL;
CREATE INDEX rm_contract_point_as_of ON rm_contract_point (recorded_from);

CREATE TABLE rm_contract_failure (
    failure_id      VARCHAR(255) NOT NULL,
    from_position   BIGINT       NOT NULL,
    recorded_from   TIMESTAMPTZ  NOT NULL,
    recorded_to     TIMESTAMPTZ,
    light_point_id  VARCHAR(255) NOT NULL,
    commune         VARCHAR(64)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    ended_at        TIMESTAMPTZ,
    PRIMARY KEY (failure_id, from_position)
);
CREATE UNIQUE INDEX rm_contract_failure_latest ON rm_contract_failure (failure_id) WHERE recorded_to IS NULL;
CREATE INDEX rm_contract_failure_open ON rm_contract_failure (started_at) WHERE recorded_to IS NULL AND ended_at IS NULL;
CREATE INDEX rm_contract_failure_span ON rm_contract_failure (ended_at, started_at);
