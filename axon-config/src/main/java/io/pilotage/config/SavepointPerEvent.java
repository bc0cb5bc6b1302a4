package io.pilotage.config;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import java.sql.SQLException;
import java.util.Map;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
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
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * An event handler of a processor runs under a savepoint of its own when it may need one. When a handler's SQL fails
 * (PostgreSQL refuses U+0000 in text, a constraint breaks), PostgreSQL aborts the whole transaction: without the savepoint, the batch's
 * transaction could no longer park the event in the dead-letter queue, the batch would roll back and the segment
 * would retry the same event for ever. Rolled back to its savepoint, the failed handler leaves the transaction
 * usable, the event is parked and the batch goes on. Aggregates' event sourcing handlers are left alone.
 * <p>
 * A savepoint costs two round trips per event and handler, more than most read-model writes. So read-model groups
 * ({@link ReadModelGroups}) run optimistically, without savepoints, and may gather their writes per batch
 * ({@link BatchedWrites}): a handler that fails then fails the batch, which rolls back, and the group turns careful
 * for a while (savepoints again, writes at once), so the retried batch parks the one event at fault with none of
 * its writes. A dead letter retried on its own always has its savepoint.
 * <p>
 * Policies keep a savepoint per event (a command they send runs statements in the batch's transaction, its
 * aggregate's load among them, and one that fails must not abort the batch; the command's events are appended when
 * the batch commits), but
 * they write only through the commands they send, and most events a policy sees send none (the cabinet policy sees
 * every registration and registers a cabinet for one in twenty-two). So in a processor's batch a policy's savepoint
 * is {@linkplain PendingSavepoint pending}: it is taken when the handler dispatches its first command, before that
 * command's unit of work starts. A policy that fails before sending anything has written nothing: its event is parked
 * and the batch goes on, unless the failure came from a statement of its own (a read), which could have aborted the
 * transaction; then its batch is retried carefully, as a read model's is.
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition, SmartInitializingSingleton {

    private static final TransactionDefinition NESTED = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    /** Looked up once (asking the bean factory on every event took 6 % of a catch-up), on first use. */
    private final SingletonSupplier<PlatformTransactionManager> transactions;
    private final ObjectProvider<CommandBus> commandBus;

    SavepointPerEvent(ObjectProvider<PlatformTransactionManager> transactions, ObjectProvider<CommandBus> commandBus) {
        this.transactions = SingletonSupplier.of(transactions::getIfAvailable);
        this.commandBus = commandBus;
    }

    /** Every command dispatched while a policy handles an event first takes the event's pending savepoint. */
    @Override
    public void afterSingletonsInstantiated() {
        commandBus.ifAvailable(bus -> bus.registerDispatchInterceptor(commands -> (index, command) -> {
            PendingSavepoint.takeIfPending();
            return command;
        }));
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
                if (!readModel && group != null && BatchedWrites.optimistic(group)) {
                    return handleWithPendingSavepoint(manager, message, target);
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

            private Object handleWithPendingSavepoint(PlatformTransactionManager manager, Message<?> message, T target)
                    throws Exception {
                PendingSavepoint savepoint = new PendingSavepoint(manager);
                Map<String, Object> resources = CurrentUnitOfWork.get().resources();
                Object outer = resources.put(PendingSavepoint.RESOURCE, savepoint);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error failure) {
                    if (!savepoint.rollback() && fromTheDatabase(failure)) {
                        retryCarefully(group, retryKey, failure);
                    }
                    throw failure;
                } finally {
                    if (outer == null) {
                        resources.remove(PendingSavepoint.RESOURCE);
                    } else {
                        resources.put(PendingSavepoint.RESOURCE, outer);
                    }
                }
                savepoint.release();
                return result;
            }
        };
    }

    /**
     * Whether a failure came from a statement: one that failed without a savepoint may have aborted the transaction.
     * A failure of the handler's own (a rule, an event it cannot place) leaves the transaction as it was.
     */
    static boolean fromTheDatabase(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException || cause instanceof DataAccessException || cause instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A policy handler's savepoint, taken only if the handler dispatches a command ({@link #takeIfPending}, called by
     * the command bus's dispatch interceptor in the dispatching thread, before the command's unit of work starts).
     */
    static final class PendingSavepoint {

        static final String RESOURCE = "pilotage.pending-savepoint";

        private final PlatformTransactionManager manager;
        private TransactionStatus status;

        PendingSavepoint(PlatformTransactionManager manager) {
            this.manager = manager;
        }

        /** Takes the current event handler's savepoint if it has one pending and not yet taken. */
        static void takeIfPending() {
            if (CurrentUnitOfWork.isStarted()) {
                PendingSavepoint pending = CurrentUnitOfWork.get().getResource(RESOURCE);
                if (pending != null && pending.status == null) {
                    pending.status = pending.manager.getTransaction(NESTED);
                }
            }
        }

        /** Rolls back to the savepoint if it was taken; {@code false} if it was not. */
        boolean rollback() {
            if (status == null) {
                return false;
            }
            manager.rollback(status);
            return true;
        }

        void release() {
            if (status != null) {
                manager.commit(status);
            }
        }
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
