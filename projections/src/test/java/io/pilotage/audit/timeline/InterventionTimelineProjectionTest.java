package io.pilotage.audit.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.ReplayContract;
import io.pilotage.audit.AuditTimeline.FindInterventionTimeline;
import io.pilotage.audit.AuditTimeline.InterventionTimeline;
import io.pilotage.audit.AuditTimeline.TimelineEntry;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimed;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.CrewArrived;
import io.pilotage.interventions.InterventionEvent.CrewAssigned;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.interventions.InterventionEvent.InterventionClosed;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Skill;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeline's index: fed the events of a lamp failure's whole life (with unrelated ones around it) as the
 * processor delivers them, with their global position and recorded time, while the same events sit in an event
 * store table; the timeline then reads them back in position order, as of any instant.
 */
class InterventionTimelineProjectionTest extends ReplayContract {

    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");
    static final String POLICY = "system:WhenLampFailureReportedThenOpenIntervention";
    static final LightPointId LP1 = new LightPointId("LP-1");
    static final LightPointId LP2 = new LightPointId("LP-2");
    static final GeoPosition HERE = new GeoPosition(47.32, 5.04);
    static final ContractDeadlines P3 = new ContractDeadlines(null, Duration.ofHours(72));

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    InterventionTimelineProjection projection;
    EventFeed feed;
    Map<Long, EventMessage<?>> stored;

    @BeforeAll
    static void eventStore() {
        database.jdbc().execute("""
                CREATE TABLE domainevententry (
                    globalindex BIGINT NOT NULL PRIMARY KEY, aggregateidentifier VARCHAR(255) NOT NULL,
                    sequencenumber BIGINT NOT NULL, type VARCHAR(255), eventidentifier VARCHAR(255) NOT NULL UNIQUE,
                    metadata BYTEA, payload BYTEA NOT NULL, payloadrevision VARCHAR(255), payloadtype VARCHAR(255) NOT NULL,
                    timestamp VARCHAR(255) NOT NULL)""");
    }

    @BeforeEach
    void setUp() {
        database.truncate();
        database.jdbc().execute("TRUNCATE domainevententry");
        projection = new InterventionTimelineProjection(database.jdbc());
        feed = new EventFeed(projection);
        stored = new LinkedHashMap<>();
        storeHistory();
    }

    /** When the store recorded the event at this position: a minute per position. */
    static Instant recorded(long position) {
        return T0.plusSeconds(60 * position);
    }

    /**
     * A lamp failure (F-1) from its report to its intervention's closure, the lamp back on in between; a supply loss
     * (F-2) whose intervention opens for the cabinet and has the failure attached; and events of other failures,
     * interventions and crews in between, which no timeline of these lists.
     */
    private void storeHistory() {
        store(1, new LampFailureReported(LP1, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, T0.minusSeconds(300),
                T0, new CabinetId("CAB-1"), Commune.DIJON, HERE), "operator", "OPERATOR", "api", null);
        store(2, new AssetClaimed("CLAIM-LP-1", "LP-1", "INT-F-1", null, T0), POLICY, "SYSTEM", "policy", "E-1");
        store(3, new InterventionOpened("INT-F-1", InterventionSource.LAMP_FAILURE, "F-1", "LP-1", Category.LIGHTING,
                Commune.DIJON, HERE, Priority.P3, P3, 1, T0), POLICY, "SYSTEM", "policy", "E-1");
        store(4, new LampFailureReported(new LightPointId("LP-9"), "F-9", FailureKind.LAMP_FAILURE, FailureSource.CITIZEN, T0, T0,
                new CabinetId("CAB-9"), Commune.DIJON, HERE), "operator", "OPERATOR", "api", null);
        store(5, new CrewRegistered("CREW-1", Set.of(Skill.LIGHTING), "VAN-1", T0), "supervisor", "SUPERVISOR", "api", null);
        store(6, new CrewCommitted("CREW-1", "INT-F-1", false, T0.plusSeconds(600)), "operator", "OPERATOR", "api", null);
        store(7, new CrewAssigned("INT-F-1", "CREW-1", false, T0.plusSeconds(600)), "operator", "OPERATOR", "api", null);
        store(8, new CrewCommitted("CREW-2", "INT-OTHER", false, T0.plusSeconds(600)), "operator", "OPERATOR", "api", null);
        store(9, new CrewArrived("INT-F-1", "CREW-1", T0.plusSeconds(1200)), "operator", "OPERATOR", "api", null);
        store(10, new ClockPaused("INT-F-1", PauseReason.ACCESS_IMPOSSIBLE, T0.plusSeconds(1300)), "supervisor", "SUPERVISOR", "api", null);
        store(11, new ClockResumed("INT-F-1", Duration.ofSeconds(100), T0.plusSeconds(1400)), "supervisor", "SUPERVISOR", "api", null);
        store(12, new DeadlineMissed("INT-F-1", DeadlineKind.REPAIR, T0.plusSeconds(1450), Duration.ofSeconds(10),
                T0.plusSeconds(1460)), "system:deadlines", "SYSTEM", "deadline", "E-3");
        store(13, new InterventionResolved("INT-F-1", Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-1", "LP-1",
                "CREW-1", T0.plusSeconds(1500), List.of()), "operator", "OPERATOR", "api", null);
        store(14, new CrewReleased("CREW-1", "INT-F-1", T0.plusSeconds(1500)), "system:WhenInterventionEndsThenReleaseCrew",
                "SYSTEM", "policy", "E-13");
        store(15, new LampRepaired(LP1, "F-1", FailureKind.LAMP_FAILURE, T0.plusSeconds(1500)),
                "system:WhenInterventionResolvedThenClearLampFailure", "SYSTEM", "policy", "E-13");
        store(16, new AssetClaimReleased("CLAIM-LP-1", "LP-1", "INT-F-1", T0.plusSeconds(1500)), "operator", "OPERATOR", "api", null);
        store(17, new InterventionClosed("INT-F-1", T0.plusSeconds(1800)), "supervisor", "SUPERVISOR", "api", null);
        store(20, new LampFailureReported(LP2, "F-2", FailureKind.SUPPLY_LOSS, FailureSource.TELEMETRY, T0, T0,
                new CabinetId("CAB-1"), Commune.DIJON, HERE), "operator", "OPERATOR", "telemetry", null);
        store(21, new InterventionOpened("INT-F-2", InterventionSource.LAMP_FAILURE, null, "CAB-1", Category.LIGHTING,
                Commune.DIJON, HERE, Priority.P2, P3, 1, T0), POLICY, "SYSTEM", "policy", "E-20");
        store(22, new FaultAttached("INT-F-2", "LP-2", "F-2", T0), POLICY, "SYSTEM", "policy", "E-20");
        store(23, new LightPointDecommissioned(LP2, "column removed", List.of("F-2"), T0.plusSeconds(4000)),
                "supervisor", "SUPERVISOR", "api", null);
    }

    /** Appends the row as the event store holds it, and keeps the message as the processor would deliver it. */
    private void store(long position, Object payload, String actor, String role, String channel, String triggeringEventId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("actorId", actor);
        metadata.put("actorRole", role);
        metadata.put("channel", channel);
        metadata.put("correlationId", "C-" + position);
        metadata.put("causationId", "M-" + position);
        metadata.put("commandName", "Command" + position);
        if (triggeringEventId != null) {
            metadata.put("triggeringEventId", triggeringEventId);
        }
        String metadataJson = "{" + String.join(",", metadata.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"").toList()) + "}";
        database.jdbc().update("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, 0, 'Aggregate', ?, ?, ?, '1', ?, ?)""",
                position, "AGG-" + position, "E-" + position, metadataJson.getBytes(StandardCharsets.UTF_8),
                ("{\"position\":" + position + ",\"note\":\"stored\"}").getBytes(StandardCharsets.UTF_8),
                payload.getClass().getName(), recorded(position).toString());
        stored.put(position, new GenericTrackedEventMessage<>(GapAwareTrackingToken.newInstance(position, Set.of()),
                new GenericEventMessage<>("E-" + position, payload, metadata, recorded(position))));
    }

    @Override
    protected List<Object> history() {
        return new ArrayList<>(stored.values());
    }

    @Override
    protected ReadModelDatabase database() {
        return database;
    }

    @Override
    protected EventFeed feed() {
        return feed;
    }

    @Override
    protected void checkOnePass(Map<String, List<Map<String, Object>>> rows) {
        assertThat(rows.get("rm_audit_intervention")).hasSize(2);
        assertThat(rows.get("rm_audit_failure_intervention")).hasSize(2);
        assertThat(rows.get("rm_audit_failure_event")).hasSize(5);
        assertThat(rows.get("rm_audit_intervention_event")).hasSize(15);
    }

    private Optional<InterventionTimeline> timeline(String interventionId, Instant asOf) {
        return projection.handle(new FindInterventionTimeline(interventionId, asOf));
    }

    private static List<Long> positions(InterventionTimeline timeline) {
        return timeline.entries().stream().map(TimelineEntry::position).toList();
    }

    @Test
    void givenALampFailuresWholeLife_whenItsInterventionsTimelineIsAsked_thenFromTheFailureToTheLampBackOnInPositionOrder() {
        feed.apply(history());

        InterventionTimeline timeline = timeline("INT-F-1", null).orElseThrow();

        assertThat(positions(timeline)).containsExactly(1L, 2L, 3L, 6L, 7L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
        assertThat(timeline.entries()).extracting(TimelineEntry::eventType).containsExactly("LampFailureReported",
                "AssetClaimed", "InterventionOpened", "CrewCommitted", "CrewAssigned", "CrewArrived", "ClockPaused",
                "ClockResumed", "DeadlineMissed", "InterventionResolved", "CrewReleased", "LampRepaired",
                "AssetClaimReleased", "InterventionClosed");
        TimelineEntry failure = timeline.entries().get(0);
        assertThat(failure.occurredAt()).isEqualTo(T0.minusSeconds(300));
        assertThat(failure.recordedAt()).isEqualTo(recorded(1));
        assertThat(failure.eventId()).isEqualTo("E-1");
        assertThat(failure.aggregateId()).isEqualTo("AGG-1");
        assertThat(failure.actorId()).isEqualTo("operator");
        assertThat(failure.triggeringEventId()).isNull();
        TimelineEntry opening = timeline.entries().get(2);
        assertThat(List.of(opening.actorId(), opening.actorRole(), opening.channel(), opening.commandName(),
                opening.correlationId(), opening.causationId(), opening.triggeringEventId()))
                .containsExactly(POLICY, "SYSTEM", "policy", "Command3", "C-3", "M-3", "E-1");
        assertThat(opening.payload()).containsEntry("position", 3).containsEntry("note", "stored");
        assertThat(opening.payloadRevision()).isEqualTo("1");
        TimelineEntry missed = timeline.entries().get(8);
        assertThat(missed.occurredAt()).as("a miss is dated when recorded, not by its deadline").isEqualTo(T0.plusSeconds(1460));
        TimelineEntry lampBackOn = timeline.entries().get(11);
        assertThat(lampBackOn.triggeringEventId()).isEqualTo("E-13");
        assertThat(lampBackOn.occurredAt()).isEqualTo(T0.plusSeconds(1500));
    }

    @Test
    void givenAnInstantBetweenTwoSteps_whenTheTimelineIsAskedAsOfIt_thenExactlyTheEventsRecordedBefore() {
        feed.apply(history());

        InterventionTimeline beforePause = timeline("INT-F-1", recorded(10)).orElseThrow();
        InterventionTimeline justAfterPause = timeline("INT-F-1", recorded(10).plusMillis(1)).orElseThrow();

        assertThat(positions(beforePause)).as("an event recorded at asOf is not before it").containsExactly(1L, 2L, 3L, 6L, 7L, 9L);
        assertThat(beforePause.asOf()).isEqualTo(recorded(10));
        assertThat(positions(justAfterPause)).containsExactly(1L, 2L, 3L, 6L, 7L, 9L, 10L);
    }

    @Test
    void givenAnInstantBeforeTheOpening_orAnUnknownIntervention_thenNoTimeline() {
        feed.apply(history());

        assertThat(timeline("INT-F-1", recorded(3))).isEmpty();
        assertThat(timeline("INT-NOPE", null)).isEmpty();
        assertThat(timeline("INT-OTHER", null)).as("named by a crew, never opened").isEmpty();
        assertThat(timeline("INT-F-1", recorded(3).plusMillis(1))).hasValueSatisfying(timeline ->
                assertThat(positions(timeline)).containsExactly(1L, 2L, 3L));
    }

    @Test
    void givenASupplyLossAttachedToTheCabinetsIntervention_thenTheFailureCountsFromItsAttachment() {
        feed.apply(history());

        assertThat(positions(timeline("INT-F-2", null).orElseThrow())).containsExactly(20L, 21L, 22L, 23L);
        assertThat(positions(timeline("INT-F-2", recorded(22)).orElseThrow()))
                .as("before the attachment, the failure was not known to be this intervention's").containsExactly(21L);
        assertThat(positions(timeline("INT-F-2", recorded(22).plusMillis(1)).orElseThrow())).containsExactly(20L, 21L, 22L);
    }

    @Test
    void givenEventsDeliveredOutOfOrderAndTwice_thenTheSameTimeline() {
        List<Object> history = history();
        List<Object> shuffled = new ArrayList<>(history.subList(10, history.size()));
        shuffled.addAll(history);
        shuffled.addAll(history.subList(0, 5));

        feed.apply(shuffled);

        assertThat(positions(timeline("INT-F-1", null).orElseThrow()))
                .containsExactly(1L, 2L, 3L, 6L, 7L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
    }

    @Test
    void givenARowChangedBehindTheApplicationsBack_whenItCannotBeRead_thenItIsListedWithWhatCanBeRead() {
        feed.apply(history());
        database.jdbc().update("UPDATE domainevententry SET metadata = ?, payload = ?, timestamp = 'yesterday' WHERE globalindex = 7",
                "not json".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(StandardCharsets.UTF_8));

        TimelineEntry changed = timeline("INT-F-1", null).orElseThrow().entries().get(4);

        assertThat(changed.position()).isEqualTo(7);
        assertThat(changed.eventType()).isEqualTo("CrewAssigned");
        assertThat(changed.actorId()).isNull();
        assertThat(changed.payload()).isNull();
        assertThat(changed.recordedAt()).as("as indexed when it was delivered").isEqualTo(recorded(7));
    }

    @Test
    void givenAResetWithoutReplay_thenNoTimeline() {
        feed.apply(history());

        feed.reset();

        assertThat(timeline("INT-F-1", null)).isEmpty();
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM domainevententry", Long.class))
                .as("the store is not the read model's to empty").isEqualTo(stored.size());
    }

    /** Every event an intervention can have is dated from its payload: a new one fails here until it is named. */
    @Test
    void givenEveryKindOfInterventionEvent_thenItsOccurredTimeIsTheOneItsPayloadStates() throws Exception {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        for (Class<?> type : InterventionEvent.class.getPermittedSubclasses()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = types[i] == Instant.class ? at : types[i] == boolean.class ? false : types[i] == int.class ? 0 : null;
            }
            InterventionEvent event = (InterventionEvent) type.getDeclaredConstructor(types).newInstance(values);

            assertThat(InterventionTimelineProjection.occurredAt(event)).as(type.getSimpleName()).isEqualTo(at);
        }
    }
}
