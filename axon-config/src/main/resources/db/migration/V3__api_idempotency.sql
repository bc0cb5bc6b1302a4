-- Outcomes of requests sent with an Idempotency-Key header, kept so that a retry returns the first
-- outcome and writes nothing more. Owned by the API edge, not a read model.
CREATE TABLE api_idempotency_key (
    principal        VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_method   VARCHAR(10)  NOT NULL,
    request_path     VARCHAR(512) NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    status           VARCHAR(12)  NOT NULL,
    response_status  INTEGER,
    response_type    VARCHAR(128),
    response_location VARCHAR(512),
    response_body    BYTEA,
    created_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX api_idempotency_key_created_at ON api_idempotency_key (created_at);
