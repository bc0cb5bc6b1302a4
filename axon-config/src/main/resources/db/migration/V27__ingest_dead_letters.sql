-- Telemetry (MQTT or HTTP) the core refused, with its reason (issue 10). One row per message and refused part
-- (-1: the whole message); a redelivery counts up instead of adding a row.
CREATE TABLE ingest_dead_letter (
    id                bigserial PRIMARY KEY,
    kind              varchar(32)   NOT NULL,
    transport         varchar(8)    NOT NULL,
    topic             varchar(512),
    message_id        varchar(255)  NOT NULL,
    device            varchar(255),
    part              integer       NOT NULL,
    reason            varchar(128)  NOT NULL,
    field             varchar(255),
    detail            varchar(1000) NOT NULL,
    payload           bytea         NOT NULL,
    payload_bytes     integer       NOT NULL,
    first_received_at timestamptz   NOT NULL,
    last_received_at  timestamptz   NOT NULL,
    times_received    integer       NOT NULL
);

-- Message ids are the device's own, so one message is a kind, a device (none when unreadable), an id and a part.
CREATE UNIQUE INDEX ingest_dead_letter_message ON ingest_dead_letter (kind, (coalesce(device, '')), message_id, part);

