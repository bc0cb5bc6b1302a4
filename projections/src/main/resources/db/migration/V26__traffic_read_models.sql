-- Traffic signals (issue 10), read models of the group traffic-read-models.

-- Live status: each intersection as its controller last reported it.
CREATE TABLE rm_traffic_intersection (
    intersection_id VARCHAR(64)      PRIMARY KEY,
    commune         VARCHAR(40)      NOT NULL,
    latitude        DOUBLE PRECISION NOT NULL,
    longitude       DOUBLE PRECISION NOT NULL,
    mode            VARCHAR(16)      NOT NULL,
    mode_since      TIMESTAMPTZ,
    active_plan     VARCHAR(64)      NOT NULL,
    registered_at   TIMESTAMPTZ      NOT NULL,
    updated_at      TIMESTAMPTZ      NOT NULL
);

CREATE TABLE rm_traffic_signal_group (
    intersection_id VARCHAR(64)  NOT NULL,
    signal_group    SMALLINT     NOT NULL,
    movement        VARCHAR(120) NOT NULL,
    state           VARCHAR(40),
    since           TIMESTAMPTZ,
    sequence        BIGINT,
    likely_end      TIMESTAMPTZ,
    PRIMARY KEY (intersection_id, signal_group)
);

-- Controller faults, open while cleared_at is null.
CREATE TABLE rm_traffic_fault (
    intersection_id VARCHAR(64)  NOT NULL,
    fault_id        VARCHAR(64)  NOT NULL,
    raised_at       TIMESTAMPTZ  NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    signal_group    SMALLINT,
    detail          VARCHAR(500) NOT NULL,
    cleared_at      TIMESTAMPTZ,
    PRIMARY KEY (intersection_id, fault_id, raised_at)
);
CREATE INDEX rm_traffic_fault_open ON rm_traffic_fault (intersection_id) WHERE cleared_at IS NULL;

-- History: every phase change kept, keyed by the controller's clock and sequence, so that the state at any instant
-- is one index range per group (the last row at or before it) and a replayed event inserts nothing.
CREATE TABLE rm_traffic_phase (
    intersection_id VARCHAR(64) NOT NULL,
    signal_group    SMALLINT    NOT NULL,
    controller_time TIMESTAMPTZ NOT NULL,
    sequence        BIGINT      NOT NULL,
    state           VARCHAR(40) NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    min_end         TIMESTAMPTZ,
    max_end         TIMESTAMPTZ,
    likely_end      TIMESTAMPTZ,
    cause           VARCHAR(16),
    timing_plan     VARCHAR(64),
    PRIMARY KEY (intersection_id, signal_group, controller_time, sequence)
);

-- The controller's mode over time, each change by the controller's clock and its place in the intersection's stream
-- (two changes may carry the same instant); before the first change the mode is the registration's, normal.
CREATE TABLE rm_traffic_mode (
    intersection_id VARCHAR(64) NOT NULL,
    stream_sequence BIGINT      NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    mode            VARCHAR(16) NOT NULL,
    PRIMARY KEY (intersection_id, stream_sequence)
);
CREATE INDEX rm_traffic_mode_since ON rm_traffic_mode (intersection_id, since DESC, stream_sequence DESC);

-- The signal groups each intersection was registered with, so that a group with no report before an instant is
-- answered as unknown rather than left out.
CREATE TABLE rm_traffic_history_intersection (
    intersection_id VARCHAR(64) PRIMARY KEY,
    signal_groups   INTEGER[]   NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL
);
