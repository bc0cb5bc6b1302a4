package io.pilotage.config;

import io.pilotage.shared.EventStreams;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Existing streams: from the PostgreSQL event store, one indexed query for a whole batch of ids; from Axon Server, its
 * last sequence number per id.
 */
@Component
class JdbcEventStreams implements EventStreams {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventStorageEngine> engine;
    private final ObjectProvider<EventStore> events;

    JdbcEventStreams(JdbcTemplate jdbc, ObjectProvider<EventStorageEngine> engine, ObjectProvider<EventStore> events) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.events = events;
    }

    @Override
    public Set<String> existing(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return Set.of();
        }
        if (!(engine.getIfAvailable() instanceof JdbcEventStorageEngine)) {
            EventStore store = events.getObject();
            Set<String> existing = new HashSet<>();
            aggregateIds.stream().filter(id -> store.lastSequenceNumberFor(id).isPresent()).forEach(existing::add);
            return existing;
        }
        return new HashSet<>(jdbc.queryForList(
                "SELECT aggregateidentifier FROM domainevententry WHERE aggregateidentifier = ANY (?) AND sequencenumber = 0",
                String.class, (Object) aggregateIds.toArray(String[]::new)));
    }
}
