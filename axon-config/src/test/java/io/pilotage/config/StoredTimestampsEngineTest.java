package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The engine reads rows as Axon's own does: the same events, timestamps and tracking tokens (gaps included). */
class StoredTimestampsEngineTest {

    private static final int MAX_GAP_OFFSET = 10_000;
    private static final int GAP_TIMEOUT_MS = 600_000;

    private final EventSchema schema = new EventSchema();
    private final StoredTimestampsEngine ours = new StoredTimestampsEngine(builder(), NoTransactionManager.INSTANCE, 1,
            MAX_GAP_OFFSET, GAP_TIMEOUT_MS);
    private final AxonsEngine axons = new AxonsEngine(builder().lowestGlobalSequence(1).maxGapOffset(MAX_GAP_OFFSET)
            .gapTimeout(GAP_TIMEOUT_MS));

    /** Axon's engine, its protected row reader opened to the test. */
    static final class AxonsEngine extends JdbcEventStorageEngine {
        AxonsEngine(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> tracked(ResultSet row, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(row, previous);
        }

        DomainEventData<?> domain(ResultSet row) throws SQLException {
            return getDomainEventData(row);
        }
    }

    private static JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder().connectionProvider(() -> null).transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer()).snapshotSerializer(JacksonSerializer.defaultSerializer())
                .dataType(byte[].class);
    }

    /**
     * Events read from the start and from an earlier token, some with gaps before them, some younger and some older than
     * the gap timeout (an old event's gaps are dropped), with timestamps in the shape Axon writes and in another.
     */
    @Test
    void trackedEvents_haveAxonsTokensAndTimestamps() throws Exception {
        Instant now = Instant.now();
        List<Object[]> rows = List.of(
                new Object[] {5L, "CAB-1", DateTimeUtils.formatInstant(now.minus(Duration.ofHours(2)))},
                new Object[] {7L, "CAB-1", DateTimeUtils.formatInstant(now.minusSeconds(5))},
                new Object[] {8L, "CAB-2", DateTimeUtils.formatInstant(now.minusSeconds(4))},
                new Object[] {12L, "CAB-1", now.minusSeconds(3).atOffset(java.time.ZoneOffset.ofHours(1)).toString()},
                new Object[] {13L, "CAB-3", DateTimeUtils.formatInstant(now.minus(Duration.ofHours(1)))});
        for (GapAwareTrackingToken start : java.util.Arrays.asList(null, GapAwareTrackingToken.newInstance(3, List.of(2L)))) {
            GapAwareTrackingToken ourToken = start;
            GapAwareTrackingToken axonsToken = start;
            List<Long> gaps = new ArrayList<>();
            for (Object[] values : rows) {
                ResultSet row = row((Long) values[0], (String) values[1], (String) values[2]);
                TrackedEventData<?> ourEvent = ours.getTrackedEventData(row, ourToken);
                TrackedEventData<?> axonsEvent = axons.tracked(row, axonsToken);

                assertThat(ourEvent.trackingToken()).isEqualTo(axonsEvent.trackingToken());
                assertThat(ourEvent.getTimestamp()).isEqualTo(axonsEvent.getTimestamp());
                assertThat(ourEvent.getEventIdentifier()).isEqualTo(axonsEvent.getEventIdentifier());
                assertThat(ourEvent.getPayload().getType()).isEqualTo(axonsEvent.getPayload().getType());
                assertThat((byte[]) ourEvent.getPayload().getData()).isEqualTo((byte[]) axonsEvent.getPayload().getData());
                assertThat((byte[]) ourEvent.getMetaData().getData()).isEqualTo((byte[]) axonsEvent.getMetaData().getData());
                ourToken = (GapAwareTrackingToken) ourEvent.trackingToken();
                axonsToken = (GapAwareTrackingToken) axonsEvent.trackingToken();
                gaps.addAll(ourToken.getGaps());
            }
            assertThat(gaps).as("the young events' gaps were tracked, from %s", start).contains(6L, 9L, 10L, 11L);
        }
    }

    @Test
    void anAggregatesEvents_haveAxonsTimestamps() throws Exception {
        ResultSet row = row(1L, "CAB-1", "2026-11-30T21:15:00.123Z");

        DomainEventData<?> ourEvent = ours.getDomainEventData(row);
        DomainEventData<?> axonsEvent = axons.domain(row);

        assertThat(ourEvent.getTimestamp()).isEqualTo(axonsEvent.getTimestamp()).isEqualTo(Instant.parse("2026-11-30T21:15:00.123Z"));
        assertThat(ourEvent.getAggregateIdentifier()).isEqualTo(axonsEvent.getAggregateIdentifier()).isEqualTo("CAB-1");
        assertThat(ourEvent.getSequenceNumber()).isEqualTo(axonsEvent.getSequenceNumber());
    }

    /** What Axon writes is read by hand; any other text Axon's parser accepts is read as Axon reads it. */
    @Test
    void aStoredTimestamp_isReadAsAxonReadsIt() {
        Instant instant = Instant.parse("2026-11-30T21:15:00.123Z");

        assertThat(StoredTimestampsEngine.parse(DateTimeUtils.formatInstant(instant))).isEqualTo(instant);
        assertThat(StoredTimestampsEngine.parse("2026-11-30T22:15:00.123+01:00")).isEqualTo(instant)
                .isEqualTo(DateTimeUtils.parseInstant("2026-11-30T22:15:00.123+01:00"));
        assertThat(StoredTimestampsEngine.parse("2026-11-30T21:15:00Z")).isEqualTo(Instant.parse("2026-11-30T21:15:00Z"));
    }

    private ResultSet row(long globalIndex, String aggregate, String timestamp) throws SQLException {
        ResultSet row = mock(ResultSet.class);
        when(row.getLong(schema.globalIndexColumn())).thenReturn(globalIndex);
        when(row.getString(schema.aggregateIdentifierColumn())).thenReturn(aggregate);
        when(row.getString(schema.eventIdentifierColumn())).thenReturn("event-" + globalIndex);
        when(row.getString(schema.typeColumn())).thenReturn("Cabinet");
        when(row.getLong(schema.sequenceNumberColumn())).thenReturn(globalIndex * 2);
        when(row.getString(schema.timestampColumn())).thenReturn(timestamp);
        when(row.getString(schema.payloadTypeColumn())).thenReturn("io.pilotage.lighting.EnergyRead");
        when(row.getString(schema.payloadRevisionColumn())).thenReturn("2");
        when(row.getBytes(schema.payloadColumn())).thenReturn(("{\"i\":" + globalIndex + "}").getBytes(StandardCharsets.UTF_8));
        when(row.getBytes(schema.metaDataColumn())).thenReturn("{\"actorId\":\"user:ops\"}".getBytes(StandardCharsets.UTF_8));
        return row;
    }
}
