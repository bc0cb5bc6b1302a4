-- Read models of the lighting context. Each projection owns its tables (prefix rm_) and rebuilds them
-- from the event store on reset.

-- LightPointStatusProjection
CREATE TABLE rm_lighting_light_point (
    light_point_id   VARCHAR(64)      PRIMARY KEY,
    commune          VARCHAR(40)      NOT NULL,
    latitude         DOUBLE PRECISION NOT NULL,
    longitude        DOUBLE PRECISION NOT NULL,
    cabinet_id       VARCHAR(64)      NOT NULL,
    rated_power_w    INTEGER          NOT NULL,
    legacy_power_w   INTEGER          NOT NULL,
    technology       VARCHAR(40)      NOT NULL,
    status           VARCHAR(20)      NOT NULL,
    dimming_program  VARCHAR(64),
    registered_at    TIMESTAMPTZ      NOT NULL,
    updated_at       TIMESTAMPTZ      NOT NULL
);
CREATE INDEX rm_lighting_light_point_cabinet ON rm_lighting_light_point (cabinet_id);

CREATE TABLE rm_lighting_light_point_failure (
    light_point_id VARCHAR(64) NOT NULL,
    failure_id     VARCHAR(64) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    source         VARCHAR(20) NOT NULL,
    observed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (light_point_id, failure_id)
);

-- FailingLightPointsProjection
CREATE TABLE rm_lighting_failing_point (
    light_point_id VARCHAR(64) PRIMARY KEY,
    commune        VARCHAR(40) NOT NULL
);

CREATE TABLE rm_lighting_failing_failure (
    light_point_id VARCHAR(64) NOT NULL,
    failure_id     VARCHAR(64) NOT NULL,
    commune        VARCHAR(40) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    observed_at    TIMESTAMPTZ NOT NULL,
    reported_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (light_point_id, failure_id)
);
CREATE INDEX rm_lighting_failing_failure_commune ON rm_lighting_failing_failure (commune, observed_at);

-- CabinetConsumptionProjection
CREATE TABLE rm_lighting_cabinet (
    cabinet_id VARCHAR(64) PRIMARY KEY,
    commune    VARCHAR(40) NOT NULL
);

CREATE TABLE rm_lighting_cabinet_reading (
    cabinet_id     VARCHAR(64) NOT NULL,
    interval_start TIMESTAMPTZ NOT NULL,
    interval_end   TIMESTAMPTZ NOT NULL,
    energy_wh      BIGINT      NOT NULL,
    PRIMARY KEY (cabinet_id, interval_start)
);

CREATE TABLE rm_lighting_cabinet_day (
    cabinet_id VARCHAR(64)      NOT NULL,
    day        DATE             NOT NULL,
    energy_wh  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (cabinet_id, day)
);

-- InventoryImportProjection
CREATE TABLE rm_lighting_import (
    import_id       VARCHAR(64)  PRIMARY KEY,
    status          VARCHAR(20)  NOT NULL,
    format          VARCHAR(10)  NOT NULL,
    file_name       VARCHAR(255),
    content_sha256  VARCHAR(64),
    total_rows      INTEGER      NOT NULL,
    processed_rows  INTEGER      NOT NULL,
    registered_rows INTEGER      NOT NULL,
    unchanged_rows  INTEGER      NOT NULL,
    rejected_rows   INTEGER      NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ,
    abandon_reason  VARCHAR(255)
);

CREATE TABLE rm_lighting_import_error (
    import_id      VARCHAR(64)   NOT NULL,
    row_number     INTEGER       NOT NULL,
    light_point_id VARCHAR(64),
    field          VARCHAR(64),
    message        VARCHAR(500)  NOT NULL,
    PRIMARY KEY (import_id, row_number)
);
