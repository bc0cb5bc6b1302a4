package io.pilotage.traffic;

import static io.pilotage.traffic.MovementPhaseState.PERMISSIVE_CLEARANCE;
import static io.pilotage.traffic.MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED;
import static io.pilotage.traffic.MovementPhaseState.STOP_AND_REMAIN;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import io.pilotage.traffic.IntersectionCommands.ChangeControllerMode;
import io.pilotage.traffic.IntersectionCommands.ChangeTimingPlan;
import io.pilotage.traffic.IntersectionCommands.ClearControllerFault;
import io.pilotage.traffic.IntersectionCommands.PhaseChangesRecorded;
import io.pilotage.traffic.IntersectionCommands.RaiseControllerFault;
import io.pilotage.traffic.IntersectionCommands.RecordPhaseChanges;
import io.pilotage.traffic.IntersectionCommands.RegisterIntersection;
import io.pilotage.traffic.IntersectionEvent.ConflictingGreensDetected;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.IntersectionEvent.TimingPlanChanged;
import io.pilotage.traffic.TrafficRules.IntersectionRegistrationIsFinal;
import io.pilotage.traffic.TrafficRules.SignalGroupMustBeKnown;
import io.pilotage.traffic.TrafficRules.TimingPlanMustBeKnown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntersectionTest {

    static final IntersectionId ID = new IntersectionId("TL-DIJ-042");
    static final GeoPosition POSITION = new GeoPosition(47.3220, 5.0410);
    static final Instant T0 = Instant.parse("2026-11-30T16:42:00Z");
    static final Instant RECEIVED = T0.plusSeconds(60);
    /** Groups 1 and 2 (the two directions of one road) cross 3 (the other road); 4 is a pedestrian crossing. */
    static final List<SignalGroup> GROUPS = List.of(new SignalGroup(1, "north approach, through"),
            new SignalGroup(2, "south approach, through"), new SignalGroup(3, "east approach, through"),
            new SignalGroup(4, "pedestrians across north arm"));
    static final List<Conflict> CONFLICTS = List.of(new Conflict(1, 3), new Conflict(3, 2), new Conflict(1, 4));
    static final List<TimingPlan> PLANS = List.of(new TimingPlan("DAY", 90), new TimingPlan("PEAK", 120));
    static final IntersectionRegistered REGISTERED = new IntersectionRegistered(ID, Commune.DIJON, POSITION, GROUPS,
            List.of(new Conflict(1, 3), new Conflict(2, 3), new Conflict(1, 4)), PLANS, "DAY", T0);

    private AggregateTestFixture<Intersection> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Intersection.class);
    }

    static PhaseChange change(int group, MovementPhaseState state, int secondsAfterT0, long sequence) {
        return new PhaseChange(group, state, T0.plusSeconds(secondsAfterT0), sequence, null, null, null, null, null);
    }

    static SignalGroupPhaseChanged changed(int group, MovementPhaseState state, int secondsAfterT0, long sequence) {
        return new SignalGroupPhaseChanged(ID, group, state, T0.plusSeconds(secondsAfterT0), sequence, RECEIVED, null, null,
                null, null, null);
    }

    @Test
    void givenNothing_whenRegister_thenRegisteredWithConflictsStoredLowFirst() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIntersection(ID, Commune.DIJON, POSITION, GROUPS, CONFLICTS, PLANS, "DAY", T0))
                .expectResultMessagePayload(true)
                .expectEvents(REGISTERED);
    }

    @Test
    void givenRegistered_whenRegisteredAgainWithTheSameFacts_thenNothingChanges_andOtherFactsAreRefused() {
        fixture.given(REGISTERED)
                .when(new RegisterIntersection(ID, Commune.DIJON, POSITION, GROUPS, CONFLICTS, PLANS, "DAY", T0.plusSeconds(5)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RegisterIntersection(ID, Commune.DIJON, POSITION, GROUPS, List.of(), PLANS, "DAY", T0))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new IntersectionRegistrationIsFinal()).getMessage());
    }

    @Test
    void givenNothing_whenPhaseChanges_thenTheIntersectionMustExist() {
        fixture.givenNoPriorActivity()
                .when(new RecordPhaseChanges(ID, List.of(change(1, STOP_AND_REMAIN, 1, 1)), RECEIVED))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void givenRegistered_whenABatchOfReports_thenOneEventEach_withTheirTimingWindowCauseAndPlan() {
        PhaseChange green = new PhaseChange(1, PROTECTED_MOVEMENT_ALLOWED, T0.plusSeconds(1), 10, T0.plusSeconds(6),
                T0.plusSeconds(40), T0.plusSeconds(25), null, "DAY");
        PhaseChange yellow = new PhaseChange(1, PERMISSIVE_CLEARANCE, T0.plusSeconds(24), 11, T0.plusSeconds(27),
                T0.plusSeconds(27), T0.plusSeconds(27), TerminationCause.GAP_OUT, "DAY");
        fixture.given(REGISTERED)
                .when(new RecordPhaseChanges(ID, List.of(green, yellow), RECEIVED))
                .expectResultMessagePayload(new PhaseChangesRecorded(2, 0, 0))
                .expectEvents(new SignalGroupPhaseChanged(ID, 1, PROTECTED_MOVEMENT_ALLOWED, T0.plusSeconds(1), 10, RECEIVED,
                                T0.plusSeconds(6), T0.plusSeconds(40), T0.plusSeconds(25), null, "DAY"),
                        new SignalGroupPhaseChanged(ID, 1, PERMISSIVE_CLEARANCE, T0.plusSeconds(24), 11, RECEIVED,
                                T0.plusSeconds(27), T0.plusSeconds(27), T0.plusSeconds(27), TerminationCause.GAP_OUT, "DAY"));
    }

    @Test
    void givenRecordedReports_whenRedeliveredOrOlder_thenAbsorbedAndCounted() {
        fixture.given(REGISTERED, changed(1, STOP_AND_REMAIN, 1, 10), changed(1, PROTECTED_MOVEMENT_ALLOWED, 5, 11))
                .when(new RecordPhaseChanges(ID, List.of(
                        change(1, STOP_AND_REMAIN, 1, 10),                 // redelivered, an old one
                        change(1, PROTECTED_MOVEMENT_ALLOWED, 5, 11),      // redelivered, the last one
                        change(1, PERMISSIVE_CLEARANCE, 3, 9),             // older than the last, never seen
                        change(1, PERMISSIVE_CLEARANCE, 30, 12),           // new
                        change(1, PERMISSIVE_CLEARANCE, 30, 12)), RECEIVED)) // the same report twice in one batch
                .expectResultMessagePayload(new PhaseChangesRecorded(1, 3, 1))
                .expectEvents(changed(1, PERMISSIVE_CLEARANCE, 30, 12));
    }

    @Test
    void givenGroupThreeGreen_whenAConflictingGroupTurnsGreen_thenOneSafetyAlarm_andNoneForAGroupThatDoesNotConflict() {
        fixture.given(REGISTERED, changed(3, PROTECTED_MOVEMENT_ALLOWED, 1, 1))
                .when(new RecordPhaseChanges(ID, List.of(change(4, PROTECTED_MOVEMENT_ALLOWED, 2, 2),
                        change(1, PROTECTED_MOVEMENT_ALLOWED, 3, 3), change(1, PROTECTED_MOVEMENT_ALLOWED, 4, 4)), RECEIVED))
                .expectEvents(changed(4, PROTECTED_MOVEMENT_ALLOWED, 2, 2),
                        changed(1, PROTECTED_MOVEMENT_ALLOWED, 3, 3),
                        new ConflictingGreensDetected(ID, 1, 3, PROTECTED_MOVEMENT_ALLOWED, PROTECTED_MOVEMENT_ALLOWED,
                                Commune.DIJON, POSITION, T0.plusSeconds(3)),
                        new ConflictingGreensDetected(ID, 1, 4, PROTECTED_MOVEMENT_ALLOWED, PROTECTED_MOVEMENT_ALLOWED,
                                Commune.DIJON, POSITION, T0.plusSeconds(3)),
                        changed(1, PROTECTED_MOVEMENT_ALLOWED, 4, 4));
    }

    @Test
    void givenAnAlarmedConflict_whenOneGroupLeavesGreenThenReturns_thenTheAlarmIsRaisedAgain() {
        fixture.given(REGISTERED, changed(3, PROTECTED_MOVEMENT_ALLOWED, 1, 1), changed(2, PROTECTED_MOVEMENT_ALLOWED, 2, 2),
                        new ConflictingGreensDetected(ID, 2, 3, PROTECTED_MOVEMENT_ALLOWED, PROTECTED_MOVEMENT_ALLOWED,
                                Commune.DIJON, POSITION, T0.plusSeconds(2)))
                .when(new RecordPhaseChanges(ID, List.of(change(2, PERMISSIVE_CLEARANCE, 5, 3),
                        change(2, PROTECTED_MOVEMENT_ALLOWED, 9, 4)), RECEIVED))
                .expectEvents(changed(2, PERMISSIVE_CLEARANCE, 5, 3), changed(2, PROTECTED_MOVEMENT_ALLOWED, 9, 4),
                        new ConflictingGreensDetected(ID, 2, 3, PROTECTED_MOVEMENT_ALLOWED, PROTECTED_MOVEMENT_ALLOWED,
                                Commune.DIJON, POSITION, T0.plusSeconds(9)));
    }

    @Test
    void givenRegistered_whenAReportNamesAnUnknownGroupOrPlan_thenTheWholeBatchIsRefused() {
        fixture.given(REGISTERED)
                .when(new RecordPhaseChanges(ID, List.of(change(1, STOP_AND_REMAIN, 1, 1), change(9, STOP_AND_REMAIN, 1, 2)), RECEIVED))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new SignalGroupMustBeKnown(9)).getMessage())
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RecordPhaseChanges(ID, List.of(new PhaseChange(1, STOP_AND_REMAIN, T0, 1, null, null, null, null, "NIGHT")), RECEIVED))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new TimingPlanMustBeKnown("NIGHT")).getMessage());
    }

    @Test
    void givenNormal_whenFlashing_thenModeChangedWithPlace_andRepeatsOrOlderReportsChangeNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeControllerMode(ID, ControllerMode.FLASHING, T0.plusSeconds(10)))
                .expectResultMessagePayload(true)
                .expectEvents(new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON,
                        POSITION, T0.plusSeconds(10)));
        fixture.given(REGISTERED, new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON,
                        POSITION, T0.plusSeconds(10)))
                .when(new ChangeControllerMode(ID, ControllerMode.FLASHING, T0.plusSeconds(20)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(REGISTERED, new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON,
                        POSITION, T0.plusSeconds(10)))
                .when(new ChangeControllerMode(ID, ControllerMode.NORMAL, T0.plusSeconds(5)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenAFaultIsRaisedTwiceThenCleared_thenOneRaisedAndOneClearedCarryingItsGroup() {
        ControllerFaultRaised raised = new ControllerFaultRaised(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3,
                "red lamp out", Commune.DIJON, POSITION, T0);
        fixture.given(REGISTERED)
                .when(new RaiseControllerFault(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", T0))
                .expectEvents(raised);
        fixture.given(REGISTERED, raised)
                .when(new RaiseControllerFault(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", T0.plusSeconds(1)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(REGISTERED, raised)
                .when(new ClearControllerFault(ID, "F-17", T0.plusSeconds(600)))
                .expectEvents(new ControllerFaultCleared(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, T0.plusSeconds(600)));
        fixture.given(REGISTERED)
                .when(new ClearControllerFault(ID, "F-17", T0.plusSeconds(600)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RaiseControllerFault(ID, "F-18", ControllerFaultKind.SIGNAL_GROUP, 9, null, T0))
                .expectException(RuleViolation.class);
    }

    @Test
    void givenRegistered_whenThePlanChanges_thenChangedOnce_andAnUnknownPlanIsRefused() {
        fixture.given(REGISTERED)
                .when(new ChangeTimingPlan(ID, "PEAK", T0))
                .expectEvents(new TimingPlanChanged(ID, "DAY", "PEAK", T0));
        fixture.given(REGISTERED, new TimingPlanChanged(ID, "DAY", "PEAK", T0))
                .when(new ChangeTimingPlan(ID, "PEAK", T0.plusSeconds(5)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new ChangeTimingPlan(ID, "NIGHT", T0))
                .expectException(RuleViolation.class);
    }

    /** A group remembers its last 32 sequence numbers: an older redelivery is still recognised as stale, not applied. */
    @Test
    void givenManyReports_whenAVeryOldOneIsRedelivered_thenItIsStale_notApplied() {
        List<Object> history = new ArrayList<>(List.of(REGISTERED));
        for (int i = 1; i <= 40; i++) {
            history.add(changed(1, i % 2 == 0 ? STOP_AND_REMAIN : PROTECTED_MOVEMENT_ALLOWED, i, i));
        }
        fixture.given(history)
                .when(new RecordPhaseChanges(ID, List.of(change(1, PROTECTED_MOVEMENT_ALLOWED, 1, 1),
                        change(1, STOP_AND_REMAIN, 40, 40)), RECEIVED))
                .expectResultMessagePayload(new PhaseChangesRecorded(0, 1, 1))
                .expectNoEvents();
    }

    /** A controller that restarts its numbering is still heard: its reports are later, whatever their numbers. */
    @Test
    void givenReports_whenTheControllerRestartsItsNumbering_thenLaterReportsAreRecordedEvenWithRememberedNumbers() {
        fixture.given(REGISTERED, changed(1, STOP_AND_REMAIN, 1, 1), changed(1, PROTECTED_MOVEMENT_ALLOWED, 2, 2))
                .when(new RecordPhaseChanges(ID, List.of(change(1, STOP_AND_REMAIN, 100, 1)), RECEIVED))
                .expectResultMessagePayload(new PhaseChangesRecorded(1, 0, 0))
                .expectEvents(changed(1, STOP_AND_REMAIN, 100, 1));
    }

    /** A batch is taken in the controller's order, so a green is judged against what the other group showed then. */
    @Test
    void givenAReorderedBatch_thenConflictsAreJudgedInTheControllersOrder() {
        // Group 3 was green; the batch says it turned red at t2, before group 1 turned green at t3: no conflict.
        fixture.given(REGISTERED, changed(3, PROTECTED_MOVEMENT_ALLOWED, 1, 1))
                .when(new RecordPhaseChanges(ID, List.of(change(1, PROTECTED_MOVEMENT_ALLOWED, 3, 3), change(3, STOP_AND_REMAIN, 2, 2)), RECEIVED))
                .expectEvents(changed(3, STOP_AND_REMAIN, 2, 2), changed(1, PROTECTED_MOVEMENT_ALLOWED, 3, 3));
        // The same reports the other way round: group 1 turned green at t3 while 3 was still green until t5.
        fixture.given(REGISTERED, changed(3, PROTECTED_MOVEMENT_ALLOWED, 1, 1))
                .when(new RecordPhaseChanges(ID, List.of(change(3, STOP_AND_REMAIN, 5, 5), change(1, PROTECTED_MOVEMENT_ALLOWED, 3, 3)), RECEIVED))
                .expectEvents(changed(1, PROTECTED_MOVEMENT_ALLOWED, 3, 3),
                        new ConflictingGreensDetected(ID, 1, 3, PROTECTED_MOVEMENT_ALLOWED, PROTECTED_MOVEMENT_ALLOWED,
                                Commune.DIJON, POSITION, T0.plusSeconds(3)),
                        changed(3, STOP_AND_REMAIN, 5, 5));
    }

    /** What a group showed before its last report is not known: a green reported late is not judged against it. */
    @Test
    void givenTheOtherGroupsLastReportIsLater_thenNoAlarmIsGuessed() {
        fixture.given(REGISTERED, changed(3, PROTECTED_MOVEMENT_ALLOWED, 10, 10))
                .when(new RecordPhaseChanges(ID, List.of(change(1, PROTECTED_MOVEMENT_ALLOWED, 5, 5)), RECEIVED))
                .expectEvents(changed(1, PROTECTED_MOVEMENT_ALLOWED, 5, 5));
    }

    @Test
    void givenAClearedFault_whenItsRaiseArrivesLate_thenItIsNotReopened_butALaterRaiseOfTheSameIdIs() {
        ControllerFaultRaised raised = new ControllerFaultRaised(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3,
                "red lamp out", Commune.DIJON, POSITION, T0);
        ControllerFaultCleared cleared = new ControllerFaultCleared(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, T0.plusSeconds(600));
        fixture.given(REGISTERED, raised, cleared)
                .when(new RaiseControllerFault(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", T0))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(REGISTERED, raised, cleared)
                .when(new RaiseControllerFault(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", T0.plusSeconds(7_200)))
                .expectEvents(new ControllerFaultRaised(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out",
                        Commune.DIJON, POSITION, T0.plusSeconds(7_200)));
    }

    @Test
    void reportsAndRegistrationsRefuseImpossibleValues() {
        assertThatThrownBy(() -> new SignalGroup(0, "x")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> new Conflict(2, 2)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> new PhaseChange(1, STOP_AND_REMAIN, T0, 1, T0.plusSeconds(9), T0.plusSeconds(5), null, null, null))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("changes.maxEnd");
        assertThatThrownBy(() -> new RegisterIntersection(ID, Commune.DIJON, POSITION, GROUPS, List.of(new Conflict(1, 7)),
                PLANS, "DAY", T0)).isInstanceOf(InvalidValue.class).hasMessageContaining("conflicts");
        assertThatThrownBy(() -> new RegisterIntersection(ID, Commune.DIJON, POSITION, GROUPS, CONFLICTS, PLANS, "NIGHT", T0))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("timingPlans: must hold the activePlan NIGHT");
        assertThatThrownBy(() -> new RaiseControllerFault(ID, "F-1", ControllerFaultKind.POWER, 3, null, T0))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("signalGroup");
        assertThat(new Conflict(3, 1)).isEqualTo(new Conflict(1, 3));
    }
}
