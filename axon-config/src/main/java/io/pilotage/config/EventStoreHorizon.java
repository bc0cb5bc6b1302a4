package io.pilotage.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;
import io.pilotage.shared.EventHorizon;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ordered reads without ordered writes: appends commit concurrently, and tracking readers read no further than the
 * event store's horizon, below which every global index is decided (committed, or rolled back for good).
 *
 * <p>A global index is drawn from a sequence when an event is inserted but becomes visible when its transaction
 * commits: a reader can see index n+1 while n is still in flight, and Axon's gap handling then decides from
 * timestamps and distances whether n will ever come; AxonFramework issue 4829 shows how that can skip a committed
 * event for good when its transaction was slow. Here each appending transaction puts up a fence (a shared,
 * transaction-scoped advisory lock keyed by the sequence's value before it draws; the insert's statement trigger
 * does it, migration V30, in the insert's own round trip), and a reader first asks for the
 * horizon: the last drawn index, lowered to the lowest fence still up (both SQL functions of migration V20). Taken
 * before the read's own statement starts, the horizon guarantees that every index at or below it is either visible
 * to that statement or never will be, whatever the timing, on one node or many. So a tracking token's gaps are only
 * ever rolled-back appends, and Axon may clean them whenever it likes.
 *
 * <p>An open append holds back readers, not writers: other appends commit meanwhile and become visible together once
 * it ends. Nothing else is serialized.
 */
@Component
class EventStoreHorizon implements EventHorizon {

    private final JdbcTemplate jdbc;

    EventStoreHorizon(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long current() {
        Long horizon = jdbc.execute((ConnectionCallback<Long>) EventStoreHorizon::horizon);
        return horizon == null ? 0 : horizon;
    }

    static JdbcEventStorageEngine.Builder applyTo(JdbcEventStorageEngine.Builder builder) {
        return builder.appendEvents(EventStoreHorizon::appendEvents)
                .readEventDataWithoutGaps(EventStoreHorizon::readEventDataWithoutGaps)
                .readEventDataWithGaps(EventStoreHorizon::readEventDataWithGaps)
                .fetchTrackedEvents(EventStoreHorizon::firstIndexAfter)
                .createHeadToken(EventStoreHorizon::createHeadToken);
    }

    static PreparedStatement appendEvents(Connection connection, EventSchema schema, Class<?> dataType,
                                          List<? extends EventMessage<?>> events, Serializer serializer,
                                          TimestampWriter timestampWriter) throws SQLException {
        // The insert puts up its own fence, before it draws (a statement trigger, migration V30).
        Connection inserting = AppendedPositions.keyed(events.size()) ? returningGlobalIndex(connection, schema) : connection;
        return JdbcEventStorageEngineStatements.appendEvents(inserting, schema, dataType, events, serializer, timestampWriter);
    }

    /**
     * The connection as Axon's insert sees it, except that the statement it prepares asks for the global indexes it
     * draws, for {@link AppendedPositions}: PostgreSQL returns them in the same round trip, and the rows are Axon's
     * own. pgjdbc quotes the name it is given in {@code RETURNING}, so it goes in as PostgreSQL folded it.
     */
    private static Connection returningGlobalIndex(Connection connection, EventSchema schema) {
        String[] keys = {schema.globalIndexColumn().toLowerCase(Locale.ROOT)};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    try {
                        if (method.getName().equals("prepareStatement") && arguments != null && arguments.length == 1) {
                            return connection.prepareStatement((String) arguments[0], keys);
                        }
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    /** The horizon, read in a statement of its own: the read that uses it must start after it was taken. */
    static long horizon(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pilotage_event_horizon()")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Axon's own read, its batch cut short at the horizon (Axon reads {@code (globalIndex, globalIndex + batchSize]}). */
    static PreparedStatement readEventDataWithoutGaps(Connection connection, EventSchema schema, long globalIndex,
                                                      int batchSize) throws SQLException {
        return JdbcEventStorageEngineStatements.readEventDataWithoutGaps(connection, schema, globalIndex,
                withinHorizon(connection, globalIndex, batchSize));
    }

    /** The token's gaps lie below an earlier horizon, so they are decided already: only filled ones come back. */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        return JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, globalIndex,
                withinHorizon(connection, globalIndex, batchSize), gaps);
    }

    /** The batch size that stops the read at the horizon (zero, an empty range, when the token is already there). */
    private static int withinHorizon(Connection connection, long globalIndex, int batchSize) throws SQLException {
        return (int) Math.max(0, Math.min(batchSize, horizon(connection) - globalIndex));
    }

    /** Axon's look-ahead past an empty batch: the first index after the token, within the horizon. */
    static PreparedStatement firstIndexAfter(Connection connection, EventSchema schema, long index) throws SQLException {
        long horizon = horizon(connection);
        PreparedStatement statement = connection.prepareStatement("SELECT min(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                + schema.globalIndexColumn() + " <= ?");
        statement.setLong(1, index);
        statement.setLong(2, horizon);
        return statement;
    }

    /** A processor that starts at the head starts at the horizon, so an append still in flight below the newest is not skipped. */
    static PreparedStatement createHeadToken(Connection connection, EventSchema schema) throws SQLException {
        long horizon = horizon(connection);
        PreparedStatement statement = connection.prepareStatement("SELECT max(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " <= ?");
        statement.setLong(1, horizon);
        return statement;
    }
}
