package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.shared.BatchedWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A policy's savepoint waits for its first command: an event it sends nothing for costs no savepoint (two round
 * trips), one it sends commands for is still undone alone when a command fails, one it fails on before sending
 * anything is parked with its batch going on, unless a statement failed, which makes the batch roll back and be
 * retried with a savepoint per event.
 */
class SavepointPerEventTest {

    /** Every savepoint asked for, and what became of it. */
    private final List<String> savepoints = new ArrayList<>();
    private final PlatformTransactionManager transactions = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            assertThat(definition.getPropagationBehavior()).isEqualTo(TransactionDefinition.PROPAGATION_NESTED);
            savepoints.add("taken");
            return new SimpleTransactionStatus(true);
        }

        @Override
        public void commit(TransactionStatus status) {
            savepoints.add("released");
        }

        @Override
        public void rollback(TransactionStatus status) {
            savepoints.add("rolled back");
        }
    };
    private final CommandBus commandBus = SimpleCommandBus.builder().build();
    private final CommandGateway commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    private final List<String> handled = new ArrayList<>();
    private SavepointPerEvent savepointPerEvent;

    @BeforeEach
    void setUp() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("transactions", transactions, "commandBus", commandBus));
        savepointPerEvent = new SavepointPerEvent(beans.getBeanProvider(PlatformTransactionManager.class),
                beans.getBeanProvider(CommandBus.class));
        savepointPerEvent.afterSingletonsInstantiated();
        commandBus.subscribe(String.class.getName(), command -> {
            assertThat(savepoints).as("the savepoint is taken before the command is handled").contains("taken");
            handled.add((String) command.getPayload());
            if ("refused".equals(command.getPayload())) {
                throw new IllegalStateException("duplicate key");
            }
            return null;
        });
        TransactionSynchronizationManager.setActualTransactionActive(true);
    }

    @AfterEach
    void tearDown() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void anEventThePolicySendsNothingFor_takesNoSavepoint() {
        Policy policy = new Policy(List.of());

        Object result = inBatch(() -> handler(Policy.class).handle(event(), policy));

        assertThat(result).isEqualTo("done");
        assertThat(savepoints).isEmpty();
    }

    @Test
    void anEventThePolicySendsCommandsFor_takesOneSavepointBeforeTheFirst_andReleasesItAfterTheHandler() {
        Policy policy = new Policy(List.of("register cabinet", "attach fault"));

        inBatch(() -> handler(Policy.class).handle(event(), policy));

        assertThat(handled).containsExactly("register cabinet", "attach fault");
        assertThat(savepoints).containsExactly("taken", "released");
    }

    @Test
    void aCommandThatFails_rollsTheEventBackToItsSavepoint_andTheGroupStaysOptimistic() {
        Policy policy = new Policy(List.of("register cabinet", "refused"));

        assertThatThrownBy(() -> inBatch(() -> handler(Policy.class).handle(event(), policy)))
                .hasRootCauseMessage("duplicate key");

        assertThat(savepoints).containsExactly("taken", "rolled back");
        assertThat(BatchedWrites.careful(Policy.GROUP)).isFalse();
    }

    /** A policy's own failure (a rule, an event it cannot place) wrote nothing: the event is parked, the batch goes on. */
    @Test
    void aPolicyThatFailsBeforeSendingAnything_leavesItsBatchToCommit_withoutASavepoint() throws Exception {
        FailingPolicy policy = new FailingPolicy();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(event()));

        batch.executeWithResult(() -> {
            assertThatThrownBy(() -> handler(FailingPolicy.class).handle(event(), policy)).hasMessage("no such point");
            return null;
        });

        assertThat(savepoints).isEmpty();
        assertThat(batch.isRolledBack()).isFalse();
        assertThat(BatchedWrites.careful(FailingPolicy.GROUP)).isFalse();
    }

    /**
     * A statement of the policy's own (a read) that failed before any command may have aborted the transaction: the
     * batch rolls back and is retried with a savepoint per event, which parks the event alone.
     */
    @Test
    void aPolicyWhoseReadFailsBeforeSendingAnything_failsItsBatch_whichIsRetriedWithASavepointPerEvent() throws Exception {
        ReadingPolicy policy = new ReadingPolicy();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(event()));

        batch.executeWithResult(() -> {
            assertThatThrownBy(() -> handler(ReadingPolicy.class).handle(event(), policy)).hasMessage("statement timeout");
            return null;
        });

        assertThat(savepoints).isEmpty();
        assertThat(batch.isRolledBack()).as("the batch may not commit what the failed statement left").isTrue();
        assertThat(BatchedWrites.careful(ReadingPolicy.GROUP)).isTrue();

        BatchingUnitOfWork<EventMessage<?>> retried = new BatchingUnitOfWork<>(List.of(event()));
        retried.executeWithResult(() -> {
            assertThatThrownBy(() -> handler(ReadingPolicy.class).handle(event(), policy)).hasMessage("statement timeout");
            return null;
        });
        assertThat(savepoints).containsExactly("taken", "rolled back");
    }

    /** What a policy reads before its first command comes through Axon's event store, which wraps the driver's failure. */
    @Test
    void aFailedStatementIsRecognisedThroughAxonsWrapping_aRuleIsNot() {
        assertThat(SavepointPerEvent.fromTheDatabase(new org.axonframework.eventsourcing.eventstore.EventStoreException(
                "reading the contract's stream failed", new java.sql.SQLException("current transaction is aborted")))).isTrue();
        assertThat(SavepointPerEvent.fromTheDatabase(new IllegalStateException("contract not signed yet"))).isFalse();
    }

    /** A dead letter is retried in a unit of work of its own, not a batch: its savepoint is taken first, as before. */
    @Test
    void aDeadLetterRetriedOnItsOwn_takesItsSavepointFirst() throws Exception {
        Policy policy = new Policy(List.of());
        DefaultUnitOfWork<EventMessage<?>> retry = DefaultUnitOfWork.startAndGet(event());
        try {
            handler(Policy.class).handle(event(), policy);
        } finally {
            retry.rollback();
        }

        assertThat(savepoints).containsExactly("taken", "released");
    }

    private Object inBatch(ThrowingSupplier task) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(event()));
        var result = batch.executeWithResult(task::get);
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
        return result.getPayload();
    }

    @SuppressWarnings("unchecked")
    private <T> MessageHandlingMember<T> handler(Class<T> type) throws NoSuchMethodException {
        MessageHandlingMember<T> member = new AnnotatedMessageHandlingMember<>(type.getDeclaredMethod("on", String.class),
                EventMessage.class, String.class, ClasspathParameterResolverFactory.forClass(type));
        return savepointPerEvent.wrapHandler(member);
    }

    private static EventMessage<String> event() {
        return GenericEventMessage.asEventMessage("LightPointRegistered");
    }

    interface ThrowingSupplier {
        Object get() throws Exception;
    }

    @ProcessingGroup(Policy.GROUP)
    class Policy {

        static final String GROUP = "test-policy-sending";
        private final List<String> toSend;

        Policy(List<String> toSend) {
            this.toSend = toSend;
        }

        @EventHandler
        String on(String event) {
            toSend.forEach(command -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)));
            return "done";
        }
    }

    @ProcessingGroup(ReadingPolicy.GROUP)
    static class ReadingPolicy {

        static final String GROUP = "test-policy-failing-read";

        @EventHandler
        void on(String event) {
            throw new QueryTimeoutException("statement timeout");
        }
    }

    @ProcessingGroup(FailingPolicy.GROUP)
    static class FailingPolicy {

        static final String GROUP = "test-policy-failing";

        @EventHandler
        void on(String event) {
            throw new IllegalArgumentException("no such point");
        }
    }
}
