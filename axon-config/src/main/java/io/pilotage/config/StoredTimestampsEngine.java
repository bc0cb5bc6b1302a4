package io.pilotage.config;

import static org.axonframework.common.jdbc.JdbcUtils.closeQuietly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage engine, reading each stored event's timestamp once, by hand, and handing the indexes an
 * append draws to {@link AppendedPositions}.
 * <p>
 * Axon keeps the timestamp of an event it reads as the stored text and parses it through {@code DateTimeFormatter}
 * each time it is asked: to decide the token's gaps, to build the message, and again in every work package that
 * looks at it. In a profile of B5 (a catch-up, docs/performance.md) those parses took about a seventh of the CPU.
 * Here the text is parsed once per event, with {@link StoredInstants#parse} for the shape Axon writes
 * ({@code 2026-11-30T21:15:00.123Z}) and Axon's own parser for anything else, so what is read is unchanged.
 * <p>
 * {@link #getTrackedEventData} is Axon 4.13's, with the parsed instant in place of the text: the token's gaps follow
 * the same rules (gaps allowed only for events younger than the gap timeout).
 */
final class StoredTimestampsEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final long lowestGlobalSequence;
    private final int maxGapOffset;
    private final int gapTimeout;

    StoredTimestampsEngine(Builder builder, TransactionManager transactionManager, long lowestGlobalSequence,
                           int maxGapOffset, int gapTimeout) {
        super(builder.transactionManager(transactionManager).lowestGlobalSequence(lowestGlobalSequence)
                .maxGapOffset(maxGapOffset).gapTimeout(gapTimeout));
        this.transactionManager = transactionManager;
        this.lowestGlobalSequence = lowestGlobalSequence;
        this.maxGapOffset = maxGapOffset;
        this.gapTimeout = gapTimeout;
    }

    /**
     * Axon 4.13's append ({@code JdbcEventStorageEngine.appendEvents}: the statement builder's batch, in a transaction,
     * failures through the persistence exception handler), then the indexes the insert drew are handed to
     * {@link AppendedPositions}, which keeps them for the answer of the write that appended them.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        long[] drawn = {AppendedPositions.NOTHING};
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                PreparedStatement statement;
                try {
                    statement = appendEvents(connection, events, serializer);
                } catch (SQLException e) {
                    throw new JdbcException("Failed to create a SQL statement", e);
                }
                try {
                    statement.executeBatch();
                    drawn[0] = AppendedPositions.drawn(statement, events.size());
                } catch (SQLException e) {
                    handlePersistenceException(e, events.get(0));
                } finally {
                    closeQuietly(statement);
                }
            } finally {
                closeQuietly(connection);
            }
        });
        AppendedPositions.appended(drawn[0]);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        DomainEventData<?> event = entry(resultSet, eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                eventIdentifier);

        boolean allowGaps = event.getTimestamp().isAfter(GenericEventMessage.clock.instant().minus(gapTimeout, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(lowestGlobalSequence, globalSequence), globalSequence).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? maxGapOffset : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        EventSchema schema = schema();
        return entry(resultSet, resultSet.getString(schema.aggregateIdentifierColumn()),
                resultSet.getString(schema.eventIdentifierColumn()));
    }

    private DomainEventData<?> entry(ResultSet resultSet, String aggregateIdentifier, String eventIdentifier)
            throws SQLException {
        EventSchema schema = schema();
        String stored = resultSet.getString(schema.timestampColumn());
        return new GenericDomainEventEntry<>(resultSet.getString(schema.typeColumn()), aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier, stored,
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn())) {

            /** Parsed when first asked, as Axon does, then kept (a race parses it twice, to the same instant). */
            private Instant timestamp;

            @Override
            public Instant getTimestamp() {
                Instant parsed = timestamp;
                if (parsed == null) {
                    parsed = parse(stored);
                    timestamp = parsed;
                }
                return parsed;
            }
        };
    }

    /** The stored text as an instant: fast for the shape Axon writes, through Axon's parser otherwise. */
    static Instant parse(String stored) {
        Instant fast = StoredInstants.parse(stored);
        return fast != null ? fast : DateTimeUtils.parseInstant(stored);
    }
}
