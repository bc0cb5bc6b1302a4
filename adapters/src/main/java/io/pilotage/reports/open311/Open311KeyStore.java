package io.pilotage.reports.open311;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Open311 API keys are kept: only the SHA-256 of each secret, never the secret. Implemented in the
 * composition root, which owns every table through Flyway.
 */
public interface Open311KeyStore {

    /** A key as administrators list it; {@code revokedAt} is null while the key is in use. */
    record StoredKey(String keyId, String name, String createdBy, Instant createdAt, Instant revokedAt) {
    }

    void add(StoredKey key, String secretHash);

    /** Every key, newest first. */
    List<StoredKey> all();

    /** The key whose secret has this hash, unless it was revoked. */
    Optional<StoredKey> activeByHash(String secretHash);

    /** Revokes the key; empty when there is no such key, its state otherwise (already revoked keeps its first date). */
    Optional<StoredKey> revoke(String keyId, Instant at);
}
