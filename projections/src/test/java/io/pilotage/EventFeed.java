package io.pilotage;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Feeds a projection through Axon's own annotation dispatch, as its event processor does: a handler that is
 * not annotated is not called, {@code @MetaDataValue} parameters come from the metadata given, and
 * {@link #reset()} calls the {@code @ResetHandler} as a token reset would. No Spring, no event store.
 */
public final class EventFeed {

    private final AnnotationEventHandlerAdapter adapter;

    public EventFeed(Object projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    /** Wraps a payload as the event store hands it out, with the metadata its handlers may read. */
    public static EventMessage<?> event(Object payload, Map<String, ?> metadata) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(metadata);
    }

    /** Wraps a payload as a tracking processor receives it: at its global position, with its recorded time. */
    public static EventMessage<?> tracked(long position, java.time.Instant recordedAt, Object payload) {
        return new org.axonframework.eventhandling.GenericTrackedEventMessage<>(
                new org.axonframework.eventhandling.GlobalSequenceTrackingToken(position),
                new GenericEventMessage<>("event-" + position, payload, Map.of(), recordedAt));
    }

    /** Applies each event in order; an element is a payload, or an {@link EventMessage} carrying metadata. */
    public void apply(List<?> events) {
        for (Object event : events) {
            EventMessage<?> message = event instanceof EventMessage<?> m ? m : GenericEventMessage.asEventMessage(event);
            try {
                adapter.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("Handling " + message.getPayloadType().getSimpleName() + " failed", e);
            }
        }
    }

    /**
     * Applies the events in one processor batch, as a pooled processor would: read models may gather their writes
     * until the batch commits. {@code beforeCommit} runs after the last event, before the commit; a failure rolls the
     * batch back.
     */
    public void applyInOneBatch(List<?> events, Runnable beforeCommit) {
        UnitOfWork<?> batch = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        try {
            apply(events);
            beforeCommit.run();
            batch.commit();
        } finally {
            if (batch.isActive()) {
                batch.rollback();
            }
        }
    }

    public void reset() {
        adapter.prepareReset();
    }
}
