-- Citizens' service requests as operators and Open311 read them. Personal fields are kept only as the vault sealed
-- them (Base64 of nonce and AES-GCM output, under the reporter's key): destroying the key erases them here too.
CREATE TABLE rm_reports_request (
    service_request_id VARCHAR(64)      PRIMARY KEY,
    reporter_id        VARCHAR(64)      NOT NULL,
    channel            VARCHAR(16)      NOT NULL,
    service_code       VARCHAR(40)      NOT NULL,
    status             VARCHAR(40)      NOT NULL,
    closed             BOOLEAN          NOT NULL,
    priority           VARCHAR(4),
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    address            VARCHAR(250),
    commune            VARCHAR(40),
    asset_id           VARCHAR(64),
    intervention_id    VARCHAR(64),
    duplicate_of       VARCHAR(64),
    media_url          VARCHAR(1000),
    sealed_first_name  TEXT,
    sealed_last_name   TEXT,
    sealed_email       TEXT,
    sealed_phone       TEXT,
    sealed_description TEXT,
    status_notes       VARCHAR(2000),
    requested_at       TIMESTAMPTZ      NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL,
    closed_at          TIMESTAMPTZ
);
CREATE INDEX rm_reports_request_requested_at ON rm_reports_request (requested_at DESC, service_request_id);
CREATE INDEX rm_reports_request_service_code ON rm_reports_request (service_code, requested_at DESC);

-- Public updates, in the order they were published (the event's sequence number in its request's stream).
CREATE TABLE rm_reports_request_update (
    service_request_id VARCHAR(64)   NOT NULL,
    sequence_number    BIGINT        NOT NULL,
    status             VARCHAR(40)   NOT NULL,
    note               VARCHAR(2000) NOT NULL,
    published_at       TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (service_request_id, sequence_number)
);

-- A report by position is placed on the nearest light point within 30 m.
CREATE INDEX rm_lighting_light_point_position ON rm_lighting_light_point (latitude, longitude);

-- Work on a place (a pothole reported by position) has no asset.
ALTER TABLE rm_interventions_board ALTER COLUMN asset_id DROP NOT NULL;
