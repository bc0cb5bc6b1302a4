package io.pilotage.shared.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Outcomes of requests sent with an Idempotency-Key, per caller, kept 24 hours. The primary key makes the
 * claim atomic across threads and nodes: of two identical requests arriving together, one executes.
 *
 * <p>Claimed inside the request's transaction, a key is never visible before its outcome: a second request
 * with the same key waits on the primary key until the first commits (then finds it completed) or rolls
 * back (then claims it itself). A key is therefore seen {@code IN_PROGRESS} only when claimed outside a
 * transaction.
 */
@Component
public class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);
    /** The length of {@code request_path} in V3__api_idempotency.sql. */
    private static final int PATH_COLUMN = 512;

    enum State { CLAIMED, IN_PROGRESS, COMPLETED, MISMATCH }

    record Outcome(int status, String contentType, String location, byte[] body) {
    }

    record Claim(State state, Outcome outcome) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IdempotencyStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Forgets every key older than the retention, met again or not: a key's stored request hash and outcome must not
     * outlive the 24 hours (a phone report's body held the caller's details). Every node may run it; it is one delete.
     */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${pilotage.api.idempotency-purge-interval:PT1H}")
    public void purgeExpired() {
        jdbc.update("DELETE FROM api_idempotency_key WHERE created_at < ?", Timestamp.from(clock.instant().minus(RETENTION)));
    }

    /** A key older than the retention is forgotten when it is met again, so a write costs one insert. */
    Claim claim(String principal, String key, String method, String path, String hash) {
        if (insert(principal, key, method, path, hash)) {
            return new Claim(State.CLAIMED, null);
        }
        int expired = jdbc.update("DELETE FROM api_idempotency_key WHERE principal = ? AND idempotency_key = ? AND created_at < ?",
                principal, key, Timestamp.from(clock.instant().minus(RETENTION)));
        if (expired == 1 && insert(principal, key, method, path, hash)) {
            return new Claim(State.CLAIMED, null);
        }
        List<Claim> existing = jdbc.query("""
                SELECT request_hash, status, response_status, response_type, response_location, response_body
                FROM api_idempotency_key WHERE principal = ? AND idempotency_key = ?""", (rs, row) -> {
            if (!rs.getString("request_hash").equals(hash)) {
                return new Claim(State.MISMATCH, null);
            }
            if (!"COMPLETED".equals(rs.getString("status"))) {
                return new Claim(State.IN_PROGRESS, null);
            }
            byte[] body = rs.getBytes("response_body");
            return new Claim(State.COMPLETED, new Outcome(rs.getInt("response_status"), rs.getString("response_type"),
                    rs.getString("response_location"), body == null ? new byte[0] : body));
        }, principal, key);
        return existing.isEmpty() ? new Claim(State.IN_PROGRESS, null) : existing.get(0);
    }

    private boolean insert(String principal, String key, String method, String path, String hash) {
        return jdbc.update("""
                INSERT INTO api_idempotency_key (principal, idempotency_key, request_method, request_path, request_hash,
                    status, created_at) VALUES (?, ?, ?, ?, ?, 'IN_PROGRESS', ?) ON CONFLICT DO NOTHING""",
                principal, key, method, stored(path), hash, Timestamp.from(clock.instant())) == 1;
    }

    void complete(String principal, String key, int status, String contentType, String location, byte[] body) {
        jdbc.update("""
                UPDATE api_idempotency_key SET status = 'COMPLETED', response_status = ?, response_type = ?,
                    response_location = ?, response_body = ? WHERE principal = ? AND idempotency_key = ?""",
                status, contentType, location, body, principal, key);
    }

    /**
     * Keeps the outcome of a request that wrote nothing (a refusal) once its transaction has been rolled back.
     * A concurrent duplicate may have claimed the key meanwhile; its outcome then stands.
     */
    void record(String principal, String key, String method, String path, String hash, int status, String contentType,
                String location, byte[] body) {
        jdbc.update("""
                INSERT INTO api_idempotency_key (principal, idempotency_key, request_method, request_path, request_hash,
                    status, response_status, response_type, response_location, response_body, created_at)
                VALUES (?, ?, ?, ?, ?, 'COMPLETED', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                principal, key, method, stored(path), hash, status, contentType, location, body, Timestamp.from(clock.instant()));
    }

    /**
     * The path as far as its column holds it. It is kept to tell what a key was used for; the hash covers the
     * whole path, so a longer one (a client may send any id up to the container's limit) is cut rather than
     * failing the insert, which would refuse a write for a reason that has nothing to do with the database.
     */
    private static String stored(String path) {
        return path.length() <= PATH_COLUMN ? path : path.substring(0, PATH_COLUMN);
    }
}
