package io.pilotage.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;

/**
 * The transactions of event processors (read models, policies, their tokens, claims and dead letters) commit without
 * waiting for PostgreSQL to flush them to disk ({@code synchronous_commit = off} for that transaction only); commands
 * from the API and every other write keep waiting, so an acknowledged write is on disk when its answer leaves.
 * <p>
 * Why this is safe: such a transaction is visible and consistent the moment it commits; what a crash of the
 * PostgreSQL server (not of the application) may lose is the last few hundred milliseconds of them, each whole, in
 * commit order, together with the token that recorded their progress, so the processor handles those events again
 * on restart and writes the same rows and sends the same commands again. Nothing durable can depend on a lost one:
 * the write-ahead log is one sequence, and a transaction that waits for its own flush flushes every commit before it
 * too. Why it matters: on this class of machine a flush takes several milliseconds to tens of them under load, and
 * every batch of every group waited for one: the read models showed a write that much later, and the flushes
 * competed with the commands' own.
 * <p>
 * {@code pilotage.processors.synchronous-commit=on} puts processors back to waiting (PostgreSQL's default).
 */
final class ProcessorTransactions implements TransactionManager {

    private final PlatformTransactionManager transactions;
    private final DataSource dataSource;
    private final String setting;

    ProcessorTransactions(PlatformTransactionManager transactions, DataSource dataSource, String synchronousCommit) {
        if (!synchronousCommit.matches("on|off|local|remote_write|remote_apply")) {
            throw new IllegalArgumentException("pilotage.processors.synchronous-commit must be one of PostgreSQL's "
                    + "synchronous_commit values (on, off, local, remote_write, remote_apply), not " + synchronousCommit);
        }
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.setting = "SET LOCAL synchronous_commit TO " + synchronousCommit;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(TransactionDefinition.withDefaults());
        if (status.isNewTransaction()) {
            try {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(setting);
                }
            } catch (SQLException | RuntimeException failure) {
                transactions.rollback(status);
                throw new TransactionSystemException("Could not set how a processor's transaction commits", failure);
            }
        }
        return new Transaction() {
            @Override
            public void commit() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }
}
