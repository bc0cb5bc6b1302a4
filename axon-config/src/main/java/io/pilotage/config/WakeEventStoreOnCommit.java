package io.pilotage.config;

import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the read models prompt after writes sent with an Idempotency-Key. Such a command runs in the
 * request's transaction, which commits after the command's unit of work. The embedded event store wakes
 * its reader when the unit of work commits, finds nothing committed yet and sleeps its fetch delay (1 s)
 * before looking again, which measured 1.5 s at p95 between a keyed write and its read model. Publishing
 * no events once the transaction really commits wakes the reader again; it appends nothing.
 *
 * <p>When the unit of work owns the transaction, its commit is the real one and the store's own wake-up
 * suffices; the unit of work is then still running when the transaction commits, and nothing is done.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class WakeEventStoreOnCommit implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ObjectProvider<EventStore> eventStore;

    public WakeEventStoreOnCommit(ObjectProvider<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    if (!CurrentUnitOfWork.isStarted()) {
                        eventStore.getObject().publish(List.of());
                    }
                }
            });
        }
        return interceptorChain.proceed();
    }
}
