package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPoint;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

/** A light point loads from its events alone: the snapshot table is not asked, an empty stream is still "not found". */
class UnsnapshottedRepositoryTest {

    private final AtomicInteger snapshotReads = new AtomicInteger();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            snapshotReads.incrementAndGet();
            return super.readSnapshot(aggregateIdentifier);
        }
    };
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final UnsnapshottedRepository<LightPoint> repository = UnsnapshottedRepository.of(
            EventSourcingRepository.builder(LightPoint.class)
                    .parameterResolverFactory(ClasspathParameterResolverFactory.forClass(LightPoint.class))
                    .handlerDefinition(ClasspathHandlerDefinition.forClass(LightPoint.class)), eventStore);

    @Test
    void loadsAPointFromItsEventsWithoutReadingASnapshot() {
        eventStore.publish(new GenericDomainEventMessage<>("LightPoint", "LP-1", 0, new LightPointRegistered(
                new LightPointId("LP-1"), Commune.DIJON, new GeoPosition(47.32, 5.04), new CabinetId("CAB-1"), 40, 150,
                LampTechnology.LED, Instant.parse("2026-12-02T06:00:00Z"))));

        Long version = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.load("LP-1").version())
                .getPayload();

        assertThat(version).isZero();
        assertThat(snapshotReads).hasValue(0);
    }

    @Test
    void anEmptyStreamIsNotFound() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        assertThatThrownBy(() -> repository.load("LP-NONE")).isInstanceOf(AggregateNotFoundException.class);
        unitOfWork.rollback();
        assertThat(snapshotReads).hasValue(0);
    }
}
