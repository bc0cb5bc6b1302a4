package io.pilotage.traffic;

import io.pilotage.TestMetaData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.traffic.IntersectionCommands.PhaseChangesRecorded;
import io.pilotage.traffic.IntersectionCommands.RecordPhaseChanges;
import io.pilotage.traffic.IntersectionCommands.RegisterIntersection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Conflicting greens reported by a controller, through the event store, the intersection's stream and the policy,
 * open a P1 traffic-signal intervention on the intersection that operators see; a redelivered batch adds nothing.
 */
@IntegrationTest
class TrafficAlarmsTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.queryhandling.QueryGateway queries;

    private <R> R send(Object command) {
        return commands.sendAndWait(command, TestMetaData.from("test"));
    }

    @Test
    void givenAnIntersection_whenConflictingGreensAreReported_thenAP1InterventionOpensOnIt_andARedeliveryAddsNothing() {
        IntersectionId id = new IntersectionId(TestIds.next("TL"));
        Instant t0 = Instant.parse("2026-11-30T16:42:00Z");
        send(new RegisterIntersection(id, Commune.DIJON, new GeoPosition(47.3220, 5.0410),
                List.of(new SignalGroup(1, "north, through"), new SignalGroup(3, "east, through")), List.of(new Conflict(1, 3)),
                List.of(new TimingPlan("DAY", 90)), "DAY", t0));
        RecordPhaseChanges batch = new RecordPhaseChanges(id, List.of(
                new PhaseChange(3, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0.plusSeconds(1), 1, null, null, null, null, null),
                new PhaseChange(1, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0.plusSeconds(5), 2, null, null, null, null, null)),
                t0.plusSeconds(6));

        PhaseChangesRecorded first = send(batch);
        PhaseChangesRecorded again = send(batch);

        assertThat(first).isEqualTo(new PhaseChangesRecorded(2, 0, 0));
        assertThat(again).isEqualTo(new PhaseChangesRecorded(0, 2, 0));
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, id.value())).containsExactly(IntersectionEvent.IntersectionRegistered.class.getName(),
                IntersectionEvent.SignalGroupPhaseChanged.class.getName(), IntersectionEvent.SignalGroupPhaseChanged.class.getName(),
                IntersectionEvent.ConflictingGreensDetected.class.getName());

        String interventionId = "INT-" + id.value() + ":CG-1-3-" + t0.plusSeconds(5).toEpochMilli();
        Api operator = new Api(port, "operator");
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/" + interventionId).status() == 200);
        Api.Response intervention = operator.get("/api/interventions/" + interventionId);
        assertThat(intervention.json().path("priority").asText()).isEqualTo("P1");
        assertThat(intervention.json().path("category").asText()).isEqualToIgnoringCase("traffic_signal");
        assertThat(intervention.json().path("assetId").asText()).isEqualTo(id.value());

        await().atMost(Duration.ofSeconds(20)).until(() -> queries.query(new TrafficQueries.FindIntersectionStatus(id.value()),
                        org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf(TrafficQueries.IntersectionStatus.class))
                .join().map(status -> status.signalGroups().stream().allMatch(group -> group.state() == MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED))
                .orElse(false));
        TrafficQueries.SignalStateAt before = queries.query(new TrafficQueries.FindSignalStateAt(id.value(), t0.plusSeconds(3)),
                org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf(TrafficQueries.SignalStateAt.class)).join().orElseThrow();
        assertThat(before.signalGroups()).extracting(TrafficQueries.GroupStateAt::state)
                .containsExactly(null, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED);
    }

    /**
     * A busy intersection is snapshotted, and what the snapshot keeps is enough to decide: a conflict alarmed before
     * 600 further reports is not alarmed again, and a redelivery of the last report is still recognised.
     */
    @Test
    void givenALongStream_thenItIsSnapshotted_andTheSnapshotRemembersRecentReportsAndOpenConflicts() {
        IntersectionId id = new IntersectionId(TestIds.next("TL"));
        Instant t0 = Instant.parse("2026-11-30T06:00:00Z");
        send(new RegisterIntersection(id, Commune.CHENOVE, new GeoPosition(47.2920, 5.0050),
                List.of(new SignalGroup(1, "north, through"), new SignalGroup(2, "south, through"), new SignalGroup(3, "east, through")),
                List.of(new Conflict(1, 3)), List.of(new TimingPlan("DAY", 90)), "DAY", t0));
        RecordPhaseChanges conflict = new RecordPhaseChanges(id, List.of(
                new PhaseChange(1, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0.plusSeconds(1), 1, null, null, null, null, null),
                new PhaseChange(3, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0.plusSeconds(2), 2, null, null, null, null, null)),
                t0.plusSeconds(3));
        assertThat(this.<PhaseChangesRecorded>send(conflict).recorded()).isEqualTo(2);
        long sequence = 2;
        for (int batch = 0; batch < 3; batch++) {
            java.util.List<PhaseChange> changes = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sequence++;
                MovementPhaseState state = sequence % 2 == 0 ? MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED : MovementPhaseState.STOP_AND_REMAIN;
                changes.add(new PhaseChange(2, state, t0.plusSeconds(sequence), sequence, null, null, null, null, null));
            }
            assertThat(this.<PhaseChangesRecorded>send(new RecordPhaseChanges(id, changes, t0.plusSeconds(sequence))).recorded()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, id.value()) > 0);
        assertThat(jdbc.queryForObject("SELECT type FROM snapshotevententry WHERE aggregateidentifier = ?", String.class, id.value()))
                .isEqualTo("Intersection");

        PhaseChangesRecorded redelivered = send(new RecordPhaseChanges(id, List.of(
                new PhaseChange(2, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0.plusSeconds(602), 602, null, null, null, null, null),
                new PhaseChange(1, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0.plusSeconds(700), 703, null, null, null, null, null)),
                t0.plusSeconds(701)));

        assertThat(redelivered).isEqualTo(new PhaseChangesRecorded(1, 1, 0));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                Long.class, id.value(), IntersectionEvent.ConflictingGreensDetected.class.getName())).isEqualTo(1);
    }
}
