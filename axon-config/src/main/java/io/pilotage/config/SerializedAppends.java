package io.pilotage.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Appends events under a transaction-scoped PostgreSQL advisory lock, so that global indexes become
 * visible in the order they were taken.
 *
 * <p>Without it, a global index is drawn from a sequence at insert time but becomes visible at commit:
 * a reader can see index n+1 while n is still in flight, and Axon's gap handling then decides from
 * timestamps whether n will ever come. AxonFramework issue 4829 shows how that decision can skip a
 * committed event for good when its transaction was slow. Holding the lock from the insert to the commit
 * means a visible index implies every lower index is committed or rolled back, whatever the timing, on
 * one node or many. The price is that appends commit one at a time: a few hundred to a few thousand per
 * second, far above what one metropole writes.
 */
final class SerializedAppends implements AppendEventsStatementBuilder {

    /** Arbitrary but fixed: every node of one deployment must use the same key. */
    static final long APPEND_LOCK_KEY = 0x70696c6f74616765L;

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK_KEY + ")");
        }
        return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                timestampWriter);
    }
}
