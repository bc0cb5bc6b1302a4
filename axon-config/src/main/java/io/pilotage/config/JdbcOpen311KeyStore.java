package io.pilotage.config;

import io.pilotage.reports.open311.Open311KeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Open311 API keys in {@code open311_api_key} (V25__open311_api_keys.sql): hashes of secrets, never secrets. */
@Component
class JdbcOpen311KeyStore implements Open311KeyStore {

    private final JdbcTemplate jdbc;

    JdbcOpen311KeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(StoredKey key, String secretHash) {
        jdbc.update("INSERT INTO open311_api_key (key_id, name, secret_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                key.keyId(), key.name(), secretHash, key.createdBy(), Timestamp.from(key.createdAt()));
    }

    @Override
    public List<StoredKey> all() {
        return jdbc.query("SELECT * FROM open311_api_key ORDER BY created_at DESC, key_id", JdbcOpen311KeyStore::key);
    }

    @Override
    public Optional<StoredKey> activeByHash(String secretHash) {
        return jdbc.query("SELECT * FROM open311_api_key WHERE secret_hash = ? AND revoked_at IS NULL",
                JdbcOpen311KeyStore::key, secretHash).stream().findFirst();
    }

    @Override
    public Optional<StoredKey> revoke(String keyId, Instant at) {
        jdbc.update("UPDATE open311_api_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", Timestamp.from(at), keyId);
        return jdbc.query("SELECT * FROM open311_api_key WHERE key_id = ?", JdbcOpen311KeyStore::key, keyId).stream().findFirst();
    }

    private static StoredKey key(ResultSet row, int number) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new StoredKey(row.getString("key_id"), row.getString("name"), row.getString("created_by"),
                row.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
