package io.pilotage.config;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Each event handler of a processor runs under its own savepoint. When a handler's SQL fails (PostgreSQL refuses
 * U+0000 in text, a constraint breaks), PostgreSQL aborts the whole transaction: without the savepoint, the batch's
 * transaction could no longer park the event in the dead-letter queue, the batch would roll back and the segment
 * would retry the same event for ever. Rolled back to its savepoint, the failed handler leaves the transaction
 * usable, the event is parked and the batch goes on. Aggregates' event sourcing handlers are left alone.
 * <p>
 * A savepoint costs two round trips per event and handler, more than most read-model writes. So read-model groups
 * ({@link ReadModelGroups}) run optimistically, without savepoints, and may gather their writes per batch
 * ({@link BatchedWrites}): a handler that fails then fails the batch, which rolls back, and the group turns careful
 * for a while (savepoints again, writes at once), so the retried batch parks the one event at fault with none of
 * its writes. A dead letter retried on its own always has its savepoint. Policies keep a savepoint per event: a
 * command they send may fail on a duplicate key in normal operation.
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final TransactionDefinition NESTED = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    /** Looked up once (asking the bean factory on every event took 6 % of a catch-up), on first use. */
    private final SingletonSupplier<PlatformTransactionManager> transactions;

    SavepointPerEvent(ObjectProvider<PlatformTransactionManager> transactions) {
        this.transactions = SingletonSupplier.of(transactions::getIfAvailable);
    }

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || original.hasAnnotation(EventSourcingHandler.class)) {
            return original;
        }
        ProcessingGroup processingGroup = original.declaringClass().getAnnotation(ProcessingGroup.class);
        String group = processingGroup == null ? null : processingGroup.value();
        boolean readModel = group != null && ReadModelGroups.ALL.contains(group);
        String watchKey = "pilotage.rollback-watch." + group;
        String retryKey = "pilotage.retry-carefully." + group;
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                PlatformTransactionManager manager = transactions.get();
                if (manager == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                if (readModel && BatchedWrites.optimistic(group)) {
                    watchForRollback(group, watchKey);
                    try {
                        return super.handle(message, target);
                    } catch (Exception | Error failure) {
                        retryCarefully(group, retryKey, failure);
                        throw failure;
                    }
                }
                TransactionStatus savepoint = manager.getTransaction(NESTED);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error failure) {
                    manager.rollback(savepoint);
                    throw failure;
                }
                manager.commit(savepoint);
                return result;
            }
        };
    }

    /** Once per batch and group: a batch that rolls back makes its group careful. */
    private static void watchForRollback(String group, String key) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(key, name -> {
            batch.onRollback(rolledBack -> BatchedWrites.rolledBack(group));
            return Boolean.TRUE;
        });
    }

    /**
     * A handler that ran without a savepoint failed: whatever it wrote before failing is still in the transaction (or
     * the transaction is aborted), so the batch must not commit. It rolls back and is retried carefully, where the
     * event's savepoint undoes its writes before it is parked.
     */
    private static void retryCarefully(String group, String key, Throwable failure) {
        BatchedWrites.rolledBack(group);
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(key, name -> {
            batch.onPrepareCommit(committing -> {
                throw new HandlerFailedWithoutSavepoint(group, failure);
            });
            return Boolean.TRUE;
        });
    }

    /** Rolls a batch back so that it is retried with a savepoint per handler. */
    static final class HandlerFailedWithoutSavepoint extends RuntimeException {

        HandlerFailedWithoutSavepoint(String group, Throwable failure) {
            super("A handler of " + group + " failed without a savepoint; the batch is retried with one per handler", failure);
        }
    }
}
