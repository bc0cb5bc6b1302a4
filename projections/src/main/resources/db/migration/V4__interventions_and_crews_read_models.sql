-- Read models of the interventions and crews contexts.

-- OperationsBoardProjection
CREATE TABLE rm_interventions_board (
    intervention_id     VARCHAR(64)      PRIMARY KEY,
    status              VARCHAR(20)      NOT NULL,
    priority            VARCHAR(4)       NOT NULL,
    category            VARCHAR(20)      NOT NULL,
    source              VARCHAR(40)      NOT NULL,
    source_ref          VARCHAR(64),
    asset_id            VARCHAR(64)      NOT NULL,
    commune             VARCHAR(40)      NOT NULL,
    latitude            DOUBLE PRECISION NOT NULL,
    longitude           DOUBLE PRECISION NOT NULL,
    crew_id             VARCHAR(64),
    opened_at           TIMESTAMPTZ      NOT NULL,
    make_safe_within_s  BIGINT,
    repair_within_s     BIGINT           NOT NULL,
    paused_at           TIMESTAMPTZ,
    paused_total_s      BIGINT           NOT NULL DEFAULT 0,
    made_safe_at        TIMESTAMPTZ,
    resolved_at         TIMESTAMPTZ,
    missed_make_safe    BOOLEAN          NOT NULL DEFAULT FALSE,
    missed_repair       BOOLEAN          NOT NULL DEFAULT FALSE,
    updated_at          TIMESTAMPTZ      NOT NULL
);
CREATE INDEX rm_interventions_board_active ON rm_interventions_board (status, priority, commune);

CREATE TABLE rm_interventions_pause (
    intervention_id VARCHAR(64)  NOT NULL,
    paused_at       TIMESTAMPTZ  NOT NULL,
    reason          VARCHAR(40)  NOT NULL,
    actor_id        VARCHAR(128),
    resumed_at      TIMESTAMPTZ,
    PRIMARY KEY (intervention_id, paused_at)
);

-- CrewBoardProjection
CREATE TABLE rm_crews_board (
    crew_id          VARCHAR(64)      PRIMARY KEY,
    skills           VARCHAR(200)     NOT NULL,
    vehicle_id       VARCHAR(64)      NOT NULL,
    latitude         DOUBLE PRECISION,
    longitude        DOUBLE PRECISION,
    position_at      TIMESTAMPTZ
);

CREATE TABLE rm_crews_shift (
    crew_id  VARCHAR(64)  NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (crew_id, starts_at)
);

CREATE TABLE rm_crews_assignment (
    crew_id         VARCHAR(64) NOT NULL,
    intervention_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (crew_id, intervention_id)
);
