package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.shared.MetadataKeys;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
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
                .executeWithResult(() -> Map.<String, Object>copyOf(provider.correlationDataFor(event)))
                .getPayload();

        assertThat(data).containsEntry(MetadataKeys.TRIGGERING_EVENT_ID, event.getIdentifier())
                .containsEntry(MetadataKeys.CORRELATION_ID, "request-1")
                .containsEntry(MetadataKeys.ACTOR_ID, "user:ops");
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
                    .executeWithResult(() -> Map.<String, Object>copyOf(provider.correlationDataFor(event))).getPayload();

            assertThat(policy).containsEntry(MetadataKeys.TRIGGERING_EVENT_ID, event.getIdentifier())
                    .containsEntry(MetadataKeys.CORRELATION_ID, "request-1");
        } finally {
            command.rollback();
        }
    }
}
