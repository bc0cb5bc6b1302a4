package io.pilotage.config;

import io.pilotage.contract.KnownCabinets;
import io.pilotage.lighting.Cabinet;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Knows a cabinet when its stream exists in the event store, as a Cabinet's: the write side's own truth, so a
 * baseline agreed right after the cabinet was registered is not refused because a read model trails. Reads the
 * first message only (the snapshot, or the registration). Here, in the composition root, because the contract
 * context names cabinets by id and must not import the lighting context.
 */
@Component
class CabinetStreams implements KnownCabinets {

    private static final String TYPE = Cabinet.class.getSimpleName();

    private final EventStore events;

    CabinetStreams(EventStore events) {
        this.events = events;
    }

    @Override
    public boolean exists(String cabinetId) {
        DomainEventStream stream = events.readEvents(cabinetId);
        return stream.hasNext() && TYPE.equals(stream.peek().getType());
    }
}
