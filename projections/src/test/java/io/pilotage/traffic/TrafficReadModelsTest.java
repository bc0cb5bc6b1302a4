package io.pilotage.traffic;

import static io.pilotage.traffic.MovementPhaseState.PERMISSIVE_CLEARANCE;
import static io.pilotage.traffic.MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED;
import static io.pilotage.traffic.MovementPhaseState.STOP_AND_REMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.IntersectionEvent.TimingPlanChanged;
import io.pilotage.traffic.TrafficQueries.FindIntersectionStatus;
import io.pilotage.traffic.TrafficQueries.FindSignalStateAt;
import io.pilotage.traffic.TrafficQueries.GroupStateAt;
import io.pilotage.traffic.TrafficQueries.GroupStatus;
import io.pilotage.traffic.TrafficQueries.IntersectionStatus;
import io.pilotage.traffic.TrafficQueries.OpenControllerFault;
import io.pilotage.traffic.TrafficQueries.SignalStateAt;
import io.pilotage.traffic.history.SignalHistoryProjection;
import io.pilotage.traffic.status.IntersectionStatusProjection;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrafficReadModelsTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final IntersectionId ID = new IntersectionId("TL-DIJ-042");
    static final GeoPosition POSITION = new GeoPosition(47.3220, 5.0410);
    static final Instant T0 = Instant.parse("2026-11-30T16:42:00Z");
    static final IntersectionRegistered REGISTERED = new IntersectionRegistered(ID, Commune.DIJON, POSITION,
            List.of(new SignalGroup(1, "north, through"), new SignalGroup(2, "south, through"), new SignalGroup(3, "east, through")),
            List.of(new Conflict(1, 3)), List.of(new TimingPlan("DAY", 90), new TimingPlan("PEAK", 120)), "DAY", T0);

    IntersectionStatusProjection status;
    SignalHistoryProjection history;
    /** The mode changes' places in the intersection's stream, as Axon gives them to the history. */
    long streamSequence;

    @BeforeEach
    void setUp() {
        database.truncate();
        status = new IntersectionStatusProjection(database.jdbc());
        history = new SignalHistoryProjection(database.jdbc());
        streamSequence = 100;
    }

    static SignalGroupPhaseChanged changed(int group, MovementPhaseState state, int seconds, long sequence) {
        return new SignalGroupPhaseChanged(ID, group, state, T0.plusSeconds(seconds), sequence, T0.plusSeconds(seconds + 1),
                null, null, T0.plusSeconds(seconds + 20), null, "DAY");
    }

    private void apply(Object... events) {
        for (Object event : events) {
            if (event instanceof IntersectionRegistered registered) {
                status.on(registered);
                history.on(registered);
            } else if (event instanceof SignalGroupPhaseChanged changed) {
                status.on(changed);
                history.on(changed);
            } else if (event instanceof ControllerModeChanged mode) {
                status.on(mode);
                history.on(mode, streamSequence++);
            } else if (event instanceof ControllerFaultRaised raised) {
                status.on(raised);
            } else if (event instanceof ControllerFaultCleared cleared) {
                status.on(cleared);
            } else if (event instanceof TimingPlanChanged plan) {
                status.on(plan);
            }
        }
    }

    private void applyInOneBatch(Object... events) {
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        apply(events);
        batch.commit();
    }

    @Test
    void givenAReportedIntersection_whenItsStatusIsAsked_thenEachGroupsLastReportModePlanAndOpenFaults() {
        applyInOneBatch(REGISTERED, changed(1, PROTECTED_MOVEMENT_ALLOWED, 1, 1), changed(3, STOP_AND_REMAIN, 1, 2),
                changed(1, PERMISSIVE_CLEARANCE, 25, 3));
        apply(new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.MANUAL, Commune.DIJON, POSITION, T0.plusSeconds(30)),
                new TimingPlanChanged(ID, "DAY", "PEAK", T0.plusSeconds(31)),
                new ControllerFaultRaised(ID, "F-1", ControllerFaultKind.DETECTOR, null, "loop 4", Commune.DIJON, POSITION, T0.plusSeconds(32)),
                new ControllerFaultRaised(ID, "F-2", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", Commune.DIJON, POSITION, T0.plusSeconds(33)),
                new ControllerFaultCleared(ID, "F-1", ControllerFaultKind.DETECTOR, null, T0.plusSeconds(40)));

        IntersectionStatus intersection = status.handle(new FindIntersectionStatus(ID.value())).orElseThrow();

        assertThat(intersection.mode()).isEqualTo(ControllerMode.MANUAL);
        assertThat(intersection.modeSince()).isEqualTo(T0.plusSeconds(30));
        assertThat(intersection.activePlan()).isEqualTo("PEAK");
        assertThat(intersection.signalGroups()).containsExactly(
                new GroupStatus(1, "north, through", PERMISSIVE_CLEARANCE, T0.plusSeconds(25), T0.plusSeconds(45)),
                new GroupStatus(2, "south, through", null, null, null),
                new GroupStatus(3, "east, through", STOP_AND_REMAIN, T0.plusSeconds(1), T0.plusSeconds(21)));
        assertThat(intersection.openFaults()).containsExactly(
                new OpenControllerFault("F-2", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", T0.plusSeconds(33)));
        assertThat(status.handle(new FindIntersectionStatus("TL-NOPE"))).isEmpty();
    }

    @Test
    void givenAHistory_whenTheStateAtAnInstantIsAsked_thenEachGroupsReportInForce_andUnknownBeforeItsFirst() {
        applyInOneBatch(REGISTERED, changed(1, STOP_AND_REMAIN, 0, 1), changed(3, PROTECTED_MOVEMENT_ALLOWED, 0, 2),
                changed(3, PERMISSIVE_CLEARANCE, 30, 3), changed(3, STOP_AND_REMAIN, 33, 4), changed(1, PROTECTED_MOVEMENT_ALLOWED, 35, 5));
        apply(new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON, POSITION, T0.plusSeconds(60)));

        SignalStateAt at31 = history.handle(new FindSignalStateAt(ID.value(), T0.plusSeconds(31))).orElseThrow();
        assertThat(at31.mode()).isEqualTo(ControllerMode.NORMAL);
        assertThat(at31.signalGroups()).extracting(GroupStateAt::signalGroup, GroupStateAt::state, GroupStateAt::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, STOP_AND_REMAIN, T0),
                        org.assertj.core.groups.Tuple.tuple(2, null, null),
                        org.assertj.core.groups.Tuple.tuple(3, PERMISSIVE_CLEARANCE, T0.plusSeconds(30)));

        SignalStateAt exactlyAtAChange = history.handle(new FindSignalStateAt(ID.value(), T0.plusSeconds(35))).orElseThrow();
        assertThat(exactlyAtAChange.signalGroups().get(0).state()).isEqualTo(PROTECTED_MOVEMENT_ALLOWED);
        assertThat(exactlyAtAChange.signalGroups().get(0).sequence()).isEqualTo(5L);
        assertThat(exactlyAtAChange.signalGroups().get(2).state()).isEqualTo(STOP_AND_REMAIN);

        assertThat(history.handle(new FindSignalStateAt(ID.value(), T0.plusSeconds(61))).orElseThrow().mode())
                .isEqualTo(ControllerMode.FLASHING);
        SignalStateAt beforeRegistration = history.handle(new FindSignalStateAt(ID.value(), T0.minusSeconds(1))).orElseThrow();
        assertThat(beforeRegistration.mode()).isNull();
        assertThat(beforeRegistration.signalGroups()).allSatisfy(group -> assertThat(group.state()).isNull());
        assertThat(history.handle(new FindSignalStateAt("TL-NOPE", T0))).isEmpty();
    }

    /** Read models see an event twice after a redelivery or a replay: nothing changes the second time. */
    @Test
    void givenEventsSeenTwice_thenTheReadModelsAreTheSame() {
        Object[] events = {REGISTERED, changed(1, STOP_AND_REMAIN, 0, 1), changed(1, PROTECTED_MOVEMENT_ALLOWED, 10, 2),
                new ControllerFaultRaised(ID, "F-2", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", Commune.DIJON, POSITION, T0)};
        apply(events);
        IntersectionStatus once = status.handle(new FindIntersectionStatus(ID.value())).orElseThrow();
        apply(events);
        applyInOneBatch(events);

        assertThat(status.handle(new FindIntersectionStatus(ID.value())).orElseThrow()).isEqualTo(once);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM rm_traffic_phase", Long.class)).isEqualTo(2);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM rm_traffic_fault", Long.class)).isEqualTo(1);
    }

    /** A reset and a replay of the same events, in batches, rebuild the same rows as the events applied one by one. */
    @Test
    void givenAHistory_whenResetAndReplayedInBatches_thenTheSameRows() {
        Object[] events = {REGISTERED, changed(1, STOP_AND_REMAIN, 0, 1), changed(3, PROTECTED_MOVEMENT_ALLOWED, 0, 2),
                changed(3, PERMISSIVE_CLEARANCE, 30, 3), changed(1, PROTECTED_MOVEMENT_ALLOWED, 35, 4),
                new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.DARK, Commune.DIJON, POSITION, T0.plusSeconds(40)),
                new ControllerFaultRaised(ID, "F-2", ControllerFaultKind.POWER, null, "mains lost", Commune.DIJON, POSITION, T0.plusSeconds(40)),
                new ControllerFaultCleared(ID, "F-2", ControllerFaultKind.POWER, null, T0.plusSeconds(90)),
                new ControllerModeChanged(ID, ControllerMode.DARK, ControllerMode.NORMAL, Commune.DIJON, POSITION, T0.plusSeconds(90)),
                changed(1, STOP_AND_REMAIN, 95, 5)};
        apply(events);
        var once = database.rows();

        status.reset();
        history.reset();
        assertThat(database.rows().values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        streamSequence = 100;
        applyInOneBatch(java.util.Arrays.copyOfRange(events, 0, 5));
        applyInOneBatch(java.util.Arrays.copyOfRange(events, 5, events.length));

        assertThat(database.rows()).isEqualTo(once);
    }

    /** Two mode changes at the same instant: the later in the stream is the mode then, in the history as live. */
    @Test
    void givenTwoModeChangesAtTheSameInstant_thenTheLaterInTheStreamHolds_andBeforeAnyChangeTheModeIsNormalFromTheRegistration() {
        Instant at = T0.plusSeconds(60);
        apply(REGISTERED, new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.MANUAL, Commune.DIJON, POSITION, at),
                new ControllerModeChanged(ID, ControllerMode.MANUAL, ControllerMode.FLASHING, Commune.DIJON, POSITION, at));

        SignalStateAt then = history.handle(new FindSignalStateAt(ID.value(), at)).orElseThrow();
        assertThat(then.mode()).isEqualTo(ControllerMode.FLASHING);
        assertThat(then.modeSince()).isEqualTo(at);
        assertThat(status.handle(new FindIntersectionStatus(ID.value())).orElseThrow().mode()).isEqualTo(ControllerMode.FLASHING);
        SignalStateAt before = history.handle(new FindSignalStateAt(ID.value(), at.minusSeconds(1))).orElseThrow();
        assertThat(before.mode()).isEqualTo(ControllerMode.NORMAL);
        assertThat(before.modeSince()).isEqualTo(T0);
    }

    /**
     * A clearance delivered before its raise (the aggregate then reopens the fault when the raise comes later than
     * the clearance): the fault is open in the live status too. And updatedAt follows the latest report, never back.
     */
    @Test
    void givenAFaultClearedThenRaisedLater_thenItIsOpen_andUpdatedAtNeverGoesBack() {
        apply(REGISTERED,
                new ControllerFaultRaised(ID, "F-3", ControllerFaultKind.POWER, null, "mains lost", Commune.DIJON, POSITION, T0.plusSeconds(10)),
                new ControllerFaultCleared(ID, "F-3", ControllerFaultKind.POWER, null, T0.plusSeconds(8)),
                new ControllerFaultRaised(ID, "F-3", ControllerFaultKind.POWER, null, "mains lost", Commune.DIJON, POSITION, T0.plusSeconds(10)),
                changed(1, STOP_AND_REMAIN, 30, 1),
                new TimingPlanChanged(ID, "DAY", "PEAK", T0.plusSeconds(20)));

        IntersectionStatus intersection = status.handle(new FindIntersectionStatus(ID.value())).orElseThrow();
        assertThat(intersection.openFaults()).extracting(OpenControllerFault::faultId).containsExactly("F-3");
        assertThat(intersection.updatedAt()).isEqualTo(T0.plusSeconds(31));
    }
}
