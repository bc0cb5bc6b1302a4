package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two writers that append at the same place of one stream (two nodes, or two requests creating one resource) meet
 * on the event table's unique key, and the loser must learn it as a conflict (409, "retry" or "already exists"), not
 * as a storage failure (500). Axon's JDBC auto-configuration recognises only
 * {@link java.sql.SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: CI saw a 500
 * where a light point and the cabinet of the same id were created at the same moment. Each case runs in a
 * transaction that is rolled back, so it leaves no event behind.
 */
@IntegrationTest
class EventStoreConflictsTest {

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionTemplate transactions;

    private static GenericDomainEventMessage<String> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("ConflictProbe", aggregateId, sequence, "payload");
    }

    @Test
    void givenAStreamJustCreated_whenAnotherWriterCreatesItToo_thenAggregateStreamCreationException() {
        String id = TestIds.next("PROBE");
        transactions.executeWithoutResult(transaction -> {
            transaction.setRollbackOnly();
            storage.appendEvents(List.of(event(id, 0)));

            assertThatThrownBy(() -> storage.appendEvents(List.of(event(id, 0))))
                    .isInstanceOf(AggregateStreamCreationException.class);
        });
    }

    @Test
    void givenAnEventAtASequence_whenAnotherWriterAppendsAtTheSameSequence_thenConcurrencyException() {
        String id = TestIds.next("PROBE");
        transactions.executeWithoutResult(transaction -> {
            transaction.setRollbackOnly();
            storage.appendEvents(List.of(event(id, 0), event(id, 1)));

            assertThatThrownBy(() -> storage.appendEvents(List.of(event(id, 1))))
                    .isInstanceOf(ConcurrencyException.class);
        });
    }
}
