package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;

class DatabaseUnavailableTest {

    @Test
    void givenAConnectionFailureWrappedByAxonOrSpring_thenTheDatabaseIsUnavailable() {
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThat(DatabaseUnavailable.causes(new IllegalStateException("Failed to read events", terminated))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new RuntimeException(ioError)))).isTrue();
        assertThat(DatabaseUnavailable.causes(new DataAccessResourceFailureException("pool"))).isTrue();
    }

    /** Seen when the database dropped connections: a rollback on a connection the pool had already marked broken. */
    @Test
    void givenTheConnectionPoolsClosedConnectionAnswer_thenTheDatabaseIsUnavailable() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", null, 562)});
        SQLException elsewhere = new SQLException("Connection is closed");

        assertThat(DatabaseUnavailable.causes(new org.springframework.transaction.TransactionSystemException("JDBC rollback failed", closed))).isTrue();
        assertThat(DatabaseUnavailable.causes(elsewhere)).isFalse();
    }

    @Test
    void givenAConstraintViolationOrAnotherFault_thenTheDatabaseIsNotToBlame() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(DatabaseUnavailable.causes(new DataIntegrityViolationException("dup", duplicate))).isFalse();
        assertThat(DatabaseUnavailable.causes(new NullPointerException())).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("no state"))).isFalse();
    }

    @Test
    void givenACauseChainWithACycle_thenTheWalkEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(DatabaseUnavailable.causes(second)).isFalse();
    }
}
