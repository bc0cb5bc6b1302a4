package io.pilotage.audit.timeline;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.audit.AuditTimeline.FindInterventionTimeline;
import io.pilotage.audit.AuditTimeline.InterventionTimeline;
import io.pilotage.audit.AuditTimeline.TimelineEntry;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimed;
import io.pilotage.interventions.InterventionEvent;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.CrewArrived;
import io.pilotage.interventions.InterventionEvent.CrewAssigned;
import io.pilotage.interventions.InterventionEvent.CrewDeparted;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionClosed;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionQualified;
import io.pilotage.interventions.InterventionEvent.InterventionReopened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.shared.EventPosition;
import io.pilotage.shared.MetadataKeys;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which stored events concern which intervention, so that an auditor's timeline reads a few rows of the event store
 * by global index instead of scanning it. The events naming an intervention are indexed under it; a lamp failure's
 * events under the failure, since the failure is reported before any intervention covers it, and joined at query
 * time through the interventions opened for it or attached to it. Each row keeps the event's recorded time, so that
 * a timeline "as of" an instant is an index condition, and its global index, so that a redelivered event inserts
 * nothing new.
 *
 * <p>The timeline itself is read from {@code domainevententry} as stored (payload and metadata before any upcaster),
 * like the hash chain seals it: what the auditor sees is what the chain covers.
 */
@Component
@ProcessingGroup(InterventionTimelineProjection.PROCESSING_GROUP)
public class InterventionTimelineProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.OPERATIONS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** The events indexed under the intervention and under the failures it covers, each with its stored row. */
    private static final String TIMELINE = """
            WITH touched AS (
                SELECT global_index, occurred_at, recorded_at FROM rm_audit_intervention_event
                WHERE intervention_id = ?%s
                UNION
                SELECT f.global_index, f.occurred_at, f.recorded_at
                FROM rm_audit_failure_intervention l JOIN rm_audit_failure_event f ON f.failure_id = l.failure_id
                WHERE l.intervention_id = ?%s%s
            )
            SELECT t.occurred_at, t.recorded_at, d.globalindex, d.eventidentifier, d.aggregateidentifier,
                   d.sequencenumber, d.timestamp, d.payloadtype, d.payloadrevision, d.payload, d.metadata
            FROM touched t JOIN domainevententry d ON d.globalindex = t.global_index
            ORDER BY d.globalindex""";

    private final JdbcTemplate jdbc;

    public InterventionTimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InterventionEvent event, @Timestamp Instant recordedAt, TrackingToken token) {
        long position = EventPosition.of(token);
        if (event instanceof InterventionOpened opened) {
            jdbc.update("""
                    INSERT INTO rm_audit_intervention (intervention_id, opened_position, opened_recorded_at) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", opened.interventionId(), position, sqlTime(recordedAt));
            if (opened.source() == InterventionSource.LAMP_FAILURE && opened.sourceRef() != null) {
                covers(opened.sourceRef(), opened.interventionId(), position, recordedAt);
            }
        } else if (event instanceof FaultAttached attached) {
            covers(attached.faultRef(), attached.interventionId(), position, recordedAt);
        }
        concerns(event.interventionId(), position, occurredAt(event), recordedAt);
    }

    @EventHandler
    void on(AssetClaimed event, @Timestamp Instant recordedAt, TrackingToken token) {
        concerns(event.interventionId(), EventPosition.of(token), event.at(), recordedAt);
        concerns(event.replaced(), EventPosition.of(token), event.at(), recordedAt);
    }

    @EventHandler
    void on(AssetClaimReleased event, @Timestamp Instant recordedAt, TrackingToken token) {
        concerns(event.interventionId(), EventPosition.of(token), event.at(), recordedAt);
    }

    @EventHandler
    void on(CrewCommitted event, @Timestamp Instant recordedAt, TrackingToken token) {
        concerns(event.interventionId(), EventPosition.of(token), event.at(), recordedAt);
    }

    @EventHandler
    void on(CrewReleased event, @Timestamp Instant recordedAt, TrackingToken token) {
        concerns(event.interventionId(), EventPosition.of(token), event.at(), recordedAt);
    }

    @EventHandler
    void on(LampFailureReported event, @Timestamp Instant recordedAt, TrackingToken token) {
        failure(event.failureId(), EventPosition.of(token), event.observedAt(), recordedAt);
    }

    @EventHandler
    void on(LampRepaired event, @Timestamp Instant recordedAt, TrackingToken token) {
        failure(event.failureId(), EventPosition.of(token), event.repairedAt(), recordedAt);
    }

    @EventHandler
    void on(LightPointDecommissioned event, @Timestamp Instant recordedAt, TrackingToken token) {
        for (String failureId : event.closedFailureIds()) {
            failure(failureId, EventPosition.of(token), event.decommissionedAt(), recordedAt);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_audit_intervention");
        jdbc.update("DELETE FROM rm_audit_intervention_event");
        jdbc.update("DELETE FROM rm_audit_failure_event");
        jdbc.update("DELETE FROM rm_audit_failure_intervention");
    }

    private void concerns(String interventionId, long position, Instant occurredAt, Instant recordedAt) {
        if (interventionId == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO rm_audit_intervention_event (intervention_id, global_index, occurred_at, recorded_at)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                interventionId, position, sqlTime(occurredAt), sqlTime(recordedAt));
    }

    private void failure(String failureId, long position, Instant occurredAt, Instant recordedAt) {
        if (failureId == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO rm_audit_failure_event (failure_id, global_index, occurred_at, recorded_at)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                failureId, position, sqlTime(occurredAt), sqlTime(recordedAt));
    }

    private void covers(String failureId, String interventionId, long position, Instant recordedAt) {
        jdbc.update("""
                INSERT INTO rm_audit_failure_intervention (failure_id, intervention_id, global_index, recorded_at)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                failureId, interventionId, position, sqlTime(recordedAt));
    }

    /** The global index of the event being handled: its streaming processor's token says where it is. */
    private static java.sql.Timestamp sqlTime(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    /**
     * The time an intervention's event states it happened. A deadline miss is dated when the deadline handler
     * recorded it (its {@code dueAt} is the deadline, not the event); a time correction when it was made (the step's
     * corrected time is in its payload). Every permitted event is named, so a new one
     * fails here, in the timeline's test, rather than showing without a date.
     */
    static Instant occurredAt(InterventionEvent event) {
        if (event instanceof InterventionOpened e) {
            return e.openedAt();
        } else if (event instanceof InterventionQualified e) {
            return e.at();
        } else if (event instanceof CrewAssigned e) {
            return e.at();
        } else if (event instanceof CrewDeparted e) {
            return e.at();
        } else if (event instanceof CrewArrived e) {
            return e.at();
        } else if (event instanceof InterventionMadeSafe e) {
            return e.at();
        } else if (event instanceof InterventionResolved e) {
            return e.at();
        } else if (event instanceof FaultAttached e) {
            return e.at();
        } else if (event instanceof InterventionClosed e) {
            return e.at();
        } else if (event instanceof InterventionReopened e) {
            return e.at();
        } else if (event instanceof InterventionCancelled e) {
            return e.at();
        } else if (event instanceof ClockPaused e) {
            return e.at();
        } else if (event instanceof ClockResumed e) {
            return e.at();
        } else if (event instanceof InterventionTimeCorrected e) {
            return e.at();
        } else if (event instanceof DeadlineMissed e) {
            return e.recordedAt();
        }
        throw new IllegalArgumentException("No occurred time known for " + event.getClass().getName());
    }

    /**
     * The timeline: the intervention's events and those of the failures it covers, each recorded before
     * {@code asOf}, read from the event store by global index. Empty when the intervention was not open by then.
     * A failure counts from the moment the link to the intervention was recorded, not before: as of an instant
     * between a failure's report and the attachment of that failure, the failure is not yet known to be this
     * intervention's.
     */
    @QueryHandler
    public Optional<InterventionTimeline> handle(FindInterventionTimeline query) {
        List<java.sql.Timestamp> opened = jdbc.queryForList(
                "SELECT opened_recorded_at FROM rm_audit_intervention WHERE intervention_id = ?",
                java.sql.Timestamp.class, query.interventionId());
        if (opened.isEmpty() || query.asOf() != null && !opened.get(0).toInstant().isBefore(query.asOf())) {
            return Optional.empty();
        }
        List<TimelineEntry> entries = query.asOf() == null
                ? jdbc.query(TIMELINE.formatted("", "", ""), (rs, row) -> entry(rs), query.interventionId(), query.interventionId())
                : jdbc.query(TIMELINE.formatted(" AND recorded_at < ?", " AND l.recorded_at < ?", " AND f.recorded_at < ?"),
                        (rs, row) -> entry(rs), query.interventionId(), sqlTime(query.asOf()), query.interventionId(),
                        sqlTime(query.asOf()), sqlTime(query.asOf()));
        return Optional.of(new InterventionTimeline(query.interventionId(), query.asOf(), entries));
    }

    private static TimelineEntry entry(ResultSet rs) throws SQLException {
        Map<String, Object> metadata = object(rs.getBytes("metadata"));
        java.sql.Timestamp occurredAt = rs.getTimestamp("occurred_at");
        return new TimelineEntry(rs.getLong("globalindex"), occurredAt == null ? null : occurredAt.toInstant(),
                recordedAt(rs.getString("timestamp"), rs.getTimestamp("recorded_at")), simpleName(rs.getString("payloadtype")),
                rs.getString("payloadrevision"), rs.getString("eventidentifier"), rs.getString("aggregateidentifier"),
                rs.getLong("sequencenumber"), text(metadata, MetadataKeys.ACTOR_ID), text(metadata, MetadataKeys.ACTOR_ROLE),
                text(metadata, MetadataKeys.CHANNEL), text(metadata, MetadataKeys.COMMAND_NAME),
                text(metadata, MetadataKeys.CORRELATION_ID), text(metadata, MetadataKeys.CAUSATION_ID),
                text(metadata, MetadataKeys.TRIGGERING_EVENT_ID), object(rs.getBytes("payload")));
    }

    /** The store's own timestamp; the one indexed (the same, read by Axon) when the row's can no longer be read. */
    private static Instant recordedAt(String stored, java.sql.Timestamp indexed) {
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return indexed.toInstant();
        }
    }

    private static String simpleName(String payloadType) {
        return payloadType == null ? null : payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }

    /** The bytes as a JSON object, or null when they are not one (changed behind the application's back). */
    private static Map<String, Object> object(byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, OBJECT);
        } catch (IOException notAnObject) {
            return null;
        }
    }

    private static String text(Map<String, Object> metadata, String key) {
        Object value = metadata == null ? null : metadata.get(key);
        return value == null ? null : value.toString();
    }
}
