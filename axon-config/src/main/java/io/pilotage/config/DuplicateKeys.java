package io.pilotage.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells the event store that an append lost a race on the event table's unique keys, so that Axon answers
 * {@code AggregateStreamCreationException} or {@code ConcurrencyException} (409 for the client) instead of a storage
 * failure (500). Axon's JDBC default recognises only {@link java.sql.SQLIntegrityConstraintViolationException},
 * which the PostgreSQL driver never throws: it reports a unique violation by SQLState {@value #UNIQUE_VIOLATION},
 * on the statement's exception or, for a batch, on the entry's next exception.
 */
final class DuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
