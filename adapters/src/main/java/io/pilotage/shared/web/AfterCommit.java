package io.pilotage.shared.web;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must only start once what a request wrote is committed. A request sent with an Idempotency-Key
 * runs in one transaction that commits after the controller returns; work started before that commit
 * would find nothing yet, or act on a write that is then rolled back.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs the work after the current transaction commits (never if it rolls back), or now without one. */
    public static void run(Runnable work) {
        run(work, () -> { });
    }

    /** As {@link #run(Runnable)}, and runs {@code onRollback} instead when the transaction rolls back. */
    public static void run(Runnable work, Runnable onRollback) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }

            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    onRollback.run();
                }
            }
        });
    }
}
