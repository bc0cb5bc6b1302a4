-- Bus priority and signal availability (issue 10), read models of the group traffic-read-models.

-- Each bus's priority request and how it ended: the rows statistics per intersection and line are counted from.
-- A bus's request numbers wrap, so one id names one request after another: each is a row, by when it was made.
CREATE TABLE rm_traffic_priority_request (
    request_id      VARCHAR(64) NOT NULL,
    intersection_id VARCHAR(64) NOT NULL,
    vehicle_id      VARCHAR(64) NOT NULL,
    line            VARCHAR(64) NOT NULL,
    signal_group    SMALLINT    NOT NULL,
    lateness_s      INTEGER     NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    answer_by       TIMESTAMPTZ NOT NULL,
    outcome         VARCHAR(16) NOT NULL,
    reason          VARCHAR(32),
    answered_at     TIMESTAMPTZ,
    checked_out_at  TIMESTAMPTZ,
    PRIMARY KEY (request_id, requested_at)
);
CREATE INDEX rm_traffic_priority_request_time ON rm_traffic_priority_request (requested_at, intersection_id, line);

-- Spans during which an intersection's signals were not available to road users: the controller dark or flashing,
-- or a fault that takes signals out (domain.md: "not dark, flashing or faulted"). Open while ended_at is null.
CREATE TABLE rm_traffic_outage (
    intersection_id VARCHAR(64)  NOT NULL,
    cause           VARCHAR(100) NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    ended_at        TIMESTAMPTZ,
    PRIMARY KEY (intersection_id, cause, started_at)
);

CREATE TABLE rm_traffic_availability_intersection (
    intersection_id VARCHAR(64) PRIMARY KEY,
    commune         VARCHAR(40) NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL
);

-- The group traffic-read-models gains these read models and replays from the first event (V29 drops its token and
-- its parked letters), so that they hold what happened before them too; its other tables start again with it.
DELETE FROM rm_traffic_fault;
DELETE FROM rm_traffic_signal_group;
DELETE FROM rm_traffic_intersection;
DELETE FROM rm_traffic_phase;
DELETE FROM rm_traffic_mode;
DELETE FROM rm_traffic_history_intersection;
