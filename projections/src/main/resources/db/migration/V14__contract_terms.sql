-- The contract terms, one row per version (io.pilotage.contract.terms.ContractTermsProjection), and per version
-- the deadlines and penalty rates of each priority: the delay KPI prices lateness by joining them.
CREATE TABLE rm_contract_terms (
    version                      INT          PRIMARY KEY,
    effective_from               TIMESTAMPTZ  NOT NULL,
    reason                       VARCHAR(500) NOT NULL,
    recorded_at                  TIMESTAMPTZ  NOT NULL,
    energy_saving_target         NUMERIC(5,4) NOT NULL,
    lighting_availability_target NUMERIC(5,4) NOT NULL,
    failure_rate_ceiling         NUMERIC(5,4) NOT NULL,
    clock_stopping_reasons       TEXT[]       NOT NULL
);

CREATE TABLE rm_contract_terms_priority (
    version                 INT        NOT NULL REFERENCES rm_contract_terms (version) ON DELETE CASCADE,
    priority                VARCHAR(2) NOT NULL,
    make_safe_within_s      BIGINT,
    repair_within_s         BIGINT     NOT NULL,
    penalty_cents_per_hour  BIGINT     NOT NULL,
    penalty_cap_cents       BIGINT     NOT NULL,
    PRIMARY KEY (version, priority)
);
