-- EnergySavingsProjection (io.pilotage.contract.energy): the energy KPI's read model, kept so that a month's
-- figure as known at any instant (asOf) is an index lookup, never a scan of the event store.

-- What each cabinet's meter measured in one month (Europe/Paris), as versions: each event that changes the month
-- (a reading, a correction) closes the current version (recorded_to) and opens the next one. recorded_from is the
-- recorded time of the event that produced the version, from_position its global position in the event store.
CREATE TABLE rm_contract_energy_month (
    cabinet_id    VARCHAR(64) NOT NULL,
    month         DATE        NOT NULL,
    commune       VARCHAR(40) NOT NULL,
    measured_wh   BIGINT      NOT NULL,
    readings      INTEGER     NOT NULL,
    recorded_from TIMESTAMPTZ NOT NULL,
    recorded_to   TIMESTAMPTZ,
    from_position BIGINT      NOT NULL,
    PRIMARY KEY (cabinet_id, month, from_position)
);
-- The current version of every cabinet of a month; also the list of cabinets that any asOf may know of.
CREATE UNIQUE INDEX rm_contract_energy_month_current ON rm_contract_energy_month (month, cabinet_id)
    WHERE recorded_to IS NULL;
-- The version known at an instant: the latest one recorded before it, one index probe per cabinet.
CREATE INDEX rm_contract_energy_month_known ON rm_contract_energy_month (month, cabinet_id, recorded_from);

-- Baseline versions and adjustments as agreed, one row per event: facts never change, so recorded_from alone
-- says from when each was known. Monthly figures (January first) are kept as comma-separated text: they are only
-- ever read whole, by the application.
CREATE TABLE rm_contract_energy_baseline (
    cabinet_id      VARCHAR(64)  NOT NULL,
    from_position   BIGINT       NOT NULL,
    fact            VARCHAR(10)  NOT NULL,
    number          INTEGER      NOT NULL,
    method          VARCHAR(1),
    adjustment_kind VARCHAR(30),
    effective_from  DATE         NOT NULL,
    burning_hours   VARCHAR(200),
    legacy_power_w  INTEGER,
    reference_wh    VARCHAR(300),
    power_delta_w   BIGINT,
    reason          VARCHAR(500) NOT NULL,
    recorded_from   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (cabinet_id, from_position)
);
