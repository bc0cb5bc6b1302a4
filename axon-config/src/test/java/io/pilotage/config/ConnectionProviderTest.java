package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pilotage.IntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A unit of work's connection goes back to the pool once. Hikari's {@code close()} clears the list of open statements
 * that a pooled connection shares with every later borrower of it, even when that proxy was closed already; Axon's
 * default connection provider closed the connection a second time when the unit of work cleaned up, after Spring's
 * transaction had returned it, and so cleared the statements of whichever thread held the connection by then: under
 * load a request failed with an {@code ArrayIndexOutOfBoundsException} from Hikari's {@code FastList} (a 500, seen in a
 * bench run on 2026-12-02), and a statement could stay open past its connection's close.
 */
@IntegrationTest
class ConnectionProviderTest {

    @Autowired
    ConnectionProvider connections;

    @Autowired
    TransactionManager transactions;

    @Autowired
    DataSource dataSource;

    private record Borrowed(Connection connection, Statement statement) {
    }

    @Test
    void givenAUnitOfWorkInATransaction_whenItEnds_thenTheNextBorrowerOfItsConnectionKeepsItsOpenStatements() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            Borrowed next = borrowedRightAfterAUnitOfWorkCommits();
            if (next == null) {
                continue;
            }
            next.connection().close();
            assertThat(next.statement().isClosed()).as("the next borrower's open statement, closed with its connection").isTrue();
            return;
        }
        fail("The pool never handed the unit of work's connection to the next borrower on the same thread");
    }

    /**
     * Runs a unit of work in a transaction that uses Axon's connection; once it has committed (Spring has returned the
     * connection) and before it cleans up, borrows a connection from the pool and opens a statement on it. The
     * borrowed connection, if it is the same physical one (the pool hands a thread back what it just returned), else
     * {@code null}.
     */
    private Borrowed borrowedRightAfterAUnitOfWorkCommits() throws SQLException {
        Borrowed[] next = new Borrowed[1];
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("connection test"));
        int ours;
        try {
            unitOfWork.attachTransaction(transactions);
            Connection connection = connections.getConnection();
            try (Statement statement = connection.createStatement()) {
                ours = backend(statement);
            } finally {
                connection.close();
            }
        } catch (SQLException | RuntimeException failed) {
            unitOfWork.rollback(failed);
            throw failed;
        }
        unitOfWork.afterCommit(committed -> {
            try {
                Connection borrowed = dataSource.getConnection();
                Statement statement = borrowed.createStatement();
                if (backend(statement) == ours) {
                    next[0] = new Borrowed(borrowed, statement);
                } else {
                    borrowed.close();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        unitOfWork.commit();
        return next[0];
    }

    private static int backend(Statement statement) throws SQLException {
        try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }
}
