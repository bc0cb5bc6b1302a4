package io.pilotage.config;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The repository of an aggregate that is never snapshotted (a light point: a few events a year): it loads the
 * aggregate from its events alone, without first asking the snapshot table for a snapshot that cannot exist.
 * Axon's repository reads the snapshot before the events for every aggregate; on a registration, whose stream is
 * empty, that was one of six round trips and, with the events query and the "not found" that follows, 3.7 to 6 %
 * of the CPU a create took in profiles of B1.
 *
 * <p>Built as Axon's default repository of a Spring aggregate is (see {@code AxonConfiguration}): the context's
 * parameter resolvers and handler enhancers, its aggregate factory (Spring's prototype factory), span factory and
 * repository provider, pessimistic locks, no cache. It has no snapshot trigger, so nothing writes the snapshot it
 * does not read, and no event stream filter, which {@link #readEvents(String)} would not apply.
 */
final class UnsnapshottedRepository<A> extends EventSourcingRepository<A> {

    private final EventStore eventStore;

    private UnsnapshottedRepository(Builder<A> builder, EventStore eventStore) {
        super(builder);
        this.eventStore = eventStore;
    }

    /** The repository {@code builder} describes, reading from {@code eventStore}; the builder must set no filter. */
    static <A> UnsnapshottedRepository<A> of(Builder<A> builder, EventStore eventStore) {
        return new UnsnapshottedRepository<>(builder.eventStore(eventStore), eventStore);
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        return eventStore.readEvents(aggregateIdentifier, 0L);
    }
}
