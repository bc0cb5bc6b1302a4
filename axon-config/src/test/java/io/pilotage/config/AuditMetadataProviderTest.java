package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.shared.MetadataKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class AuditMetadataProviderTest {

    private final AuditMetadataProvider provider = new AuditMetadataProvider();
    private final EventMessage<String> event = GenericEventMessage.<String>asEventMessage("lamp failed")
            .andMetaData(Map.of(MetadataKeys.CORRELATION_ID, "request-1", MetadataKeys.ACTOR_ID, "user:ops"));

    /** A policy's batch: the commands it sends name the event that triggered them and carry its actor and request. */
    @Test
    void anEventHandledByAPolicy_passesItsAuditKeysOn() {
        Map<String, Object> data = new BatchingUnitOfWork<>(List.of(event))
                .executeWithResult(() -> Map.<String, Object>copyOf(inEventHandler(() -> provider.correlationDataFor(event))))
                .getPayload();

        assertThat(data).containsEntry(MetadataKeys.TRIGGERING_EVENT_ID, event.getIdentifier())
                .containsEntry(MetadataKeys.CORRELATION_ID, "request-1")
                .containsEntry(MetadataKeys.ACTOR_ID, "user:ops");
    }

    /**
     * What a policy sends from its handler carries the audit keys; the result message Axon makes after the handler
     * returns carries none, so the event's metadata is not read for it.
     */
    @Test
    void outsideTheEventHandler_theResultMessageGetsNoCorrelationData_andTheEventsMetadataIsNotRead() {
        CountingEvent counted = new CountingEvent(event);
        BatchingUnitOfWork<EventMessage<String>> batch = new BatchingUnitOfWork<>(List.of(counted));
        batch.registerCorrelationDataProvider(provider);
        List<Message<?>> sent = new ArrayList<>();

        ResultMessage<?> result = batch.executeWithResult(() -> inEventHandler(() -> {
            sent.add(GenericCommandMessage.asCommandMessage("register cabinet"));
            return "handled";
        }));

        assertThat(sent.get(0).getMetaData()).containsEntry(MetadataKeys.TRIGGERING_EVENT_ID, event.getIdentifier())
                .containsEntry(MetadataKeys.CORRELATION_ID, "request-1");
        assertThat(result.getPayload()).isEqualTo("handled");
        assertThat(result.getMetaData()).isEmpty();
        assertThat(counted.metadataReads).as("the metadata is read for the command only").isEqualTo(1);
    }

    /**
     * A deadline is an event message handled by an aggregate's deadline handler, which {@link AuditMetadataProvider.HandlerScope}
     * does not wrap: what the handler applies still names the deadline as its cause and the system as its actor.
     */
    @Test
    void aDeadlinesUnitOfWork_getsItsAuditKeysOutsideAnyEventHandler() {
        DeadlineMessage<String> deadline = GenericDeadlineMessage.asDeadlineMessage("makeSafeDue", "INT-1", java.time.Instant.now());
        Map<String, Object> data = new DefaultUnitOfWork<>(deadline)
                .executeWithResult(() -> Map.<String, Object>copyOf(provider.correlationDataFor(deadline)))
                .getPayload();

        assertThat(data).containsEntry(MetadataKeys.ACTOR_ID, AuditMetadataProvider.DEADLINE_ACTOR)
                .containsEntry(MetadataKeys.COMMAND_NAME, "deadline:makeSafeDue")
                .containsEntry(MetadataKeys.CAUSATION_ID, deadline.getIdentifier());
    }

    /** Runs {@code task} as an event handler wrapped by {@link AuditMetadataProvider.HandlerScope} would. */
    private static <R> R inEventHandler(Callable<R> task) throws Exception {
        Handler handler = new Handler(task);
        MessageHandlingMember<Handler> member = new AuditMetadataProvider.HandlerScope().wrapHandler(
                new AnnotatedMessageHandlingMember<>(Handler.class.getDeclaredMethod("on", String.class), EventMessage.class,
                        String.class, ClasspathParameterResolverFactory.forClass(Handler.class)));
        @SuppressWarnings("unchecked")
        R result = (R) member.handle(GenericEventMessage.asEventMessage("lamp failed"), handler);
        return result;
    }

    static final class Handler {

        private final Callable<?> task;

        Handler(Callable<?> task) {
            this.task = task;
        }

        @EventHandler
        Object on(String event) throws Exception {
            return task.call();
        }
    }

    /** An event that counts how often its metadata is read. */
    static final class CountingEvent extends MessageDecorator<String> implements EventMessage<String> {

        int metadataReads;

        CountingEvent(EventMessage<String> delegate) {
            super(delegate);
        }

        @Override
        public MetaData getMetaData() {
            metadataReads++;
            return super.getMetaData();
        }

        @Override
        public java.time.Instant getTimestamp() {
            return ((EventMessage<?>) getDelegate()).getTimestamp();
        }

        @Override
        public EventMessage<String> withMetaData(Map<String, ?> metaData) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventMessage<String> andMetaData(Map<String, ?> metaData) {
            throw new UnsupportedOperationException();
        }
    }

    /** A read model's batch sends nothing on: its events' metadata is not read for the results nobody keeps. */
    @Test
    void anEventInAReadModelBatch_givesNoCorrelationData() throws Exception {
        BatchingUnitOfWork<EventMessage<String>> batch = new BatchingUnitOfWork<>(List.of(event));

        assertThat(batch.executeWithResult(() -> {
            new AuditMetadataProvider.ReadModelBatch().handle(batch, () -> null);
            return provider.correlationDataFor(event);
        }).getPayload()).isEmpty();
    }

    /**
     * Subscribing processors run their batches nested in the command's unit of work: a read model's batch marked there
     * leaves the policy's batch after it, in the same command, passing the audit keys on.
     */
    @Test
    void aReadModelBatchNestedInACommand_leavesTheNextPolicyBatchItsCorrelationData() {
        DefaultUnitOfWork<CommandMessage<String>> command = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("fail lamp"));
        try {
            BatchingUnitOfWork<EventMessage<String>> readModel = new BatchingUnitOfWork<>(List.of(event));
            readModel.executeWithResult(() -> new AuditMetadataProvider.ReadModelBatch().handle(readModel, () -> null));

            Map<String, Object> policy = new BatchingUnitOfWork<>(List.of(event))
                    .executeWithResult(() -> Map.<String, Object>copyOf(inEventHandler(() -> provider.correlationDataFor(event))))
                    .getPayload();

            assertThat(policy).containsEntry(MetadataKeys.TRIGGERING_EVENT_ID, event.getIdentifier())
                    .containsEntry(MetadataKeys.CORRELATION_ID, "request-1");
        } finally {
            command.rollback();
        }
    }
}
