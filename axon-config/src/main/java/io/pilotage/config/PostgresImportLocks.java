package io.pilotage.config;

import io.pilotage.lighting.ImportLocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.stereotype.Component;

/**
 * Import locks as PostgreSQL session advisory locks, each on a connection of its own opened outside the
 * pool. Outside, because a pooled connection outlives its borrower: a lock left on it would survive the
 * import, and imports waiting their turn would take connections the application needs. Closing the
 * connection ends the session, which releases the lock; so does the death of the node, as soon as
 * PostgreSQL sees its connection drop.
 */
@Component
class PostgresImportLocks implements ImportLocks {

    private final DataSource sessions;

    PostgresImportLocks(DataSourceProperties datasource) {
        this.sessions = datasource.initializeDataSourceBuilder().type(SimpleDriverDataSource.class).build();
    }

    @Override
    public Optional<Lock> tryLock(String importId) {
        Connection connection = open();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key(importId));
            try (ResultSet taken = lock.executeQuery()) {
                if (taken.next() && taken.getBoolean(1)) {
                    return Optional.of(new SessionLock(connection));
                }
            }
        } catch (SQLException e) {
            close(connection);
            throw new DataAccessResourceFailureException("Could not try the lock of import " + importId, e);
        }
        close(connection);
        return Optional.empty();
    }

    /**
     * 64 bits of a digest of the id, in the single-key space of advisory locks. The prefix keeps this key
     * apart from any other use of advisory locks on the same database.
     */
    static long key(String importId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("pilotage:inventory-import:" + importId).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = (key << 8) | (digest[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection open() {
        try {
            return sessions.getConnection();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not open a session for an import lock", e);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The session is gone either way, and its locks with it.
        }
    }

    private record SessionLock(Connection connection) implements Lock {

        @Override
        public boolean isHeld() {
            try {
                return connection.isValid(5);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            PostgresImportLocks.close(connection);
        }
    }
}
