-- API keys of Open311 clients (POST /open311/v2/requests.json|.xml). Only the SHA-256 of each secret is kept:
-- the secret is shown once, when an administrator issues the key. Owned by the Open311 edge, not a read model.
CREATE TABLE open311_api_key (
    key_id       VARCHAR(64)  PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    secret_hash  CHAR(64)     NOT NULL UNIQUE,
    created_by   VARCHAR(128) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ
);
