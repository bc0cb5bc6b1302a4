package io.pilotage.interventions;

import io.pilotage.contract.ContractRules.PauseReasonMustStopTheClock;
import io.pilotage.contract.TermsChange;
import io.pilotage.contract.TermsOnFile;
import io.pilotage.interventions.InterventionCommands.CorrectInterventionTime;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
import io.pilotage.interventions.InterventionEvent.InterventionQualified;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.InterventionRules.CorrectedTimesKeepTheirOrder;
import io.pilotage.interventions.InterventionRules.StepMustHaveHappened;
import java.util.EnumSet;
import java.util.Map;
import io.pilotage.interventions.InterventionCommands.CancelIntervention;
import io.pilotage.interventions.InterventionCommands.CloseIntervention;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.PauseClock;
import io.pilotage.interventions.InterventionCommands.RecordArrival;
import io.pilotage.interventions.InterventionCommands.RecordDeparture;
import io.pilotage.interventions.InterventionCommands.RecordMadeSafe;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionCommands.ResolveIntervention;
import io.pilotage.interventions.InterventionCommands.ResumeClock;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.CrewArrived;
import io.pilotage.interventions.InterventionEvent.CrewAssigned;
import io.pilotage.interventions.InterventionEvent.CrewDeparted;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionClosed;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionRules.CrewMustBeAssigned;
import io.pilotage.interventions.InterventionRules.InterventionMustBeActive;
import io.pilotage.interventions.InterventionRules.OnlyP1IsMadeSafe;
import io.pilotage.interventions.InterventionRules.PausesNeverOverlap;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterventionTest {

    static final String ID = "INT-1";
    static final Instant T0 = Instant.parse("2026-11-02T20:00:00Z");
    static final ContractDeadlines P1_TERMS = new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24));
    static final ContractDeadlines P3_TERMS = new ContractDeadlines(null, Duration.ofHours(72));
    static final InterventionOpened P1_OPENED = new InterventionOpened(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1",
            Category.LIGHTING, Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P1, P1_TERMS, 1, T0);
    static final InterventionOpened P3_OPENED = new InterventionOpened(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1",
            Category.LIGHTING, Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P3, P3_TERMS, 1, T0);
    static final CrewAssigned ASSIGNED = new CrewAssigned(ID, "CREW-1", false, T0.plusSeconds(300));
    static final CrewArrived ARRIVED = new CrewArrived(ID, "CREW-1", T0.plusSeconds(1800));

    private AggregateTestFixture<Intervention> fixture;
    private ShiftedClock appClock;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Intervention.class);
        appClock = new ShiftedClock(fixture::currentTime);
        fixture.registerInjectableResource(appClock);
        fixture.registerInjectableResource(terms);
    }

    /** Signed terms, and from T0 + 1 day an amendment under which snow plans no longer stop the clock. */
    private final TermsOnFile terms = TermsOnFile.signed().amended(T0.plus(Duration.ofDays(1)),
            new TermsChange(Map.of(Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))), null, null, null, null,
                    EnumSet.complementOf(EnumSet.of(PauseReason.SNOW_PLAN_ACTIVE))));

    /**
     * The application's clock as {@code pilotage.clock.offset} makes it: the deadline manager's time (real
     * time in production, the fixture's here) shifted by an offset, which a test changes as a restart with
     * another offset would.
     */
    static final class ShiftedClock extends Clock {
        private final Supplier<Instant> deadlineManagerTime;
        private Duration offset = Duration.ZERO;

        ShiftedClock(Supplier<Instant> deadlineManagerTime) {
            this.deadlineManagerTime = deadlineManagerTime;
        }

        void shift(Duration newOffset) {
            offset = newOffset;
        }

        @Override
        public Instant instant() {
            return deadlineManagerTime.get().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static OpenIntervention openP1() {
        return new OpenIntervention(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1", Category.LIGHTING,
                Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P1, P1_TERMS, 1, T0);
    }

    static OpenIntervention openP1At(Instant openedAt) {
        return new OpenIntervention(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1", Category.LIGHTING,
                Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P1, P1_TERMS, 1, openedAt);
    }

    @Test
    void givenNothing_whenP1Opened_thenMakeSafeAndRepairDeadlinesAreScheduled() {
        fixture.givenNoPriorActivity()
                .when(openP1())
                .expectEvents(P1_OPENED)
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(2)), Intervention.MAKE_SAFE_DEADLINE)
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(24)), Intervention.REPAIR_DEADLINE);
    }

    @Test
    void givenAP1NotMadeSafe_whenItsDeadlineFiresLate_thenTheMissIsRecordedWithItsDelay() {
        TestExecutor<Intervention> opened = fixture.givenCurrentTime(T0).andGivenCommands(openP1());
        appClock.shift(Duration.ofSeconds(30));
        opened.whenThenTimeElapses(Duration.ofHours(2).plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Intervention.MAKE_SAFE_DEADLINE)
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.MAKE_SAFE, T0.plus(Duration.ofHours(2)),
                        Duration.ofSeconds(30), T0.plus(Duration.ofHours(2)).plusSeconds(30)));
    }

    /** With a positive offset the application's clock runs ahead: the step falls due sooner in real time. */
    @Test
    void givenAClockAheadOfRealTime_whenOpened_thenTheDeadlineIsScheduledForTheTimeLeftOnThatClock() {
        appClock.shift(Duration.ofHours(1));
        Instant openedAt = T0.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(T0)
                .when(openP1At(openedAt))
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(2)), Intervention.MAKE_SAFE_DEADLINE)
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(24)), Intervention.REPAIR_DEADLINE);
    }

    @Test
    void givenAClockAheadOfRealTime_whenTheStepFallsDueOnThatClock_thenTheMissIsRecordedThenNotAnOffsetLater() {
        appClock.shift(Duration.ofHours(1));
        Instant due = T0.plus(Duration.ofHours(3));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(openP1At(T0.plus(Duration.ofHours(1))))
                .whenThenTimeElapses(Duration.ofHours(2))
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.MAKE_SAFE, due, Duration.ZERO, due));
    }

    /** With a negative offset the application's clock runs behind: a deadline set by real time would fire early. */
    @Test
    void givenAClockBehindRealTime_whenTheStepFallsDueOnThatClock_thenTheMissIsRecordedNotDropped() {
        appClock.shift(Duration.ofHours(-1));
        Instant due = T0.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(openP1At(T0.minus(Duration.ofHours(1))))
                .whenThenTimeElapses(Duration.ofHours(2))
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.MAKE_SAFE, due, Duration.ZERO, due));
    }

    /**
     * A deadline persisted while the clock ran ahead (a restart with a smaller offset, a node whose clock
     * differs) fires before the step is due: it is scheduled again for what is left, never dropped.
     */
    @Test
    void givenADeadlineThatFiresEarly_whenItFires_thenItIsScheduledAgainForTheTimeLeft() {
        TestExecutor<Intervention> opened = fixture.givenCurrentTime(T0).andGivenCommands(openP1());
        appClock.shift(Duration.ofMinutes(-30));
        opened.whenThenTimeElapses(Duration.ofHours(2))
                .expectTriggeredDeadlinesWithName(Intervention.MAKE_SAFE_DEADLINE)
                .expectNoEvents()
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofMinutes(150)), Intervention.MAKE_SAFE_DEADLINE);
    }

    /** The miss names the contractual due time net of pauses, not when the rescheduled deadline fired. */
    @Test
    void givenAPauseAndADeadlineThatFiresEarly_whenItFiresAgain_thenTheMissNamesTheDueTimeNetOfPauses() {
        TestExecutor<Intervention> opened = fixture.givenCurrentTime(T0).andGivenCommands(openP1(),
                new PauseClock(ID, PauseReason.ACCESS_IMPOSSIBLE, T0), new ResumeClock(ID, T0.plusSeconds(600)));
        appClock.shift(Duration.ofMinutes(-30));
        Instant due = T0.plus(Duration.ofHours(2)).plusSeconds(600);
        opened.whenThenTimeElapses(Duration.ofHours(3))
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.MAKE_SAFE, due, Duration.ZERO, due));
    }

    @Test
    void givenAPauseAndADeadlineThatFiresLate_whenItFires_thenTheMissNamesTheDueTimeNetOfPausesNotTheFiringTime() {
        TestExecutor<Intervention> opened = fixture.givenCurrentTime(T0).andGivenCommands(openP1(),
                new PauseClock(ID, PauseReason.ACCESS_IMPOSSIBLE, T0), new ResumeClock(ID, T0.plusSeconds(600)));
        appClock.shift(Duration.ofMinutes(30));
        Instant due = T0.plus(Duration.ofHours(2)).plusSeconds(600);
        opened.whenThenTimeElapses(Duration.ofHours(3))
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.MAKE_SAFE, due, Duration.ofMinutes(30),
                        due.plus(Duration.ofMinutes(30))));
    }

    @Test
    void givenAPausedClockAndACrewOnSite_whenResolved_thenThePauseIsClosedFirst() {
        Instant pausedAt = T0.plusSeconds(2400);
        Instant at = pausedAt.plus(Duration.ofHours(2));
        fixture.given(P3_OPENED, ASSIGNED, ARRIVED, new ClockPaused(ID, PauseReason.WEATHER_ALERT, pausedAt))
                .when(new ResolveIntervention(ID, Resolution.REPAIRED, at))
                .expectEvents(new ClockResumed(ID, Duration.ofHours(2), at),
                        new InterventionResolved(ID, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-1", "LP-1",
                                "CREW-1", at, java.util.List.of()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAPausedClock_whenCancelled_thenThePauseIsClosedFirst() {
        Instant pausedAt = T0.plusSeconds(600);
        Instant at = pausedAt.plus(Duration.ofMinutes(45));
        fixture.given(P3_OPENED, ASSIGNED, new ClockPaused(ID, PauseReason.ACCESS_IMPOSSIBLE, pausedAt))
                .when(new CancelIntervention(ID, "reported twice", at))
                .expectEvents(new ClockResumed(ID, Duration.ofMinutes(45), at),
                        new InterventionCancelled(ID, "reported twice", "CREW-1", at))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAResolutionAfterAPausedClosure_whenReopened_thenDeadlinesRunAgainNetOfThePause() {
        Instant pausedAt = T0.plusSeconds(2400);
        Instant resolvedAt = pausedAt.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(openP1At(T0))
                .andGiven(ASSIGNED, ARRIVED, new ClockPaused(ID, PauseReason.WEATHER_ALERT, pausedAt))
                .andGivenCommands(new ResolveIntervention(ID, Resolution.REPAIRED, resolvedAt))
                .when(new InterventionCommands.ReopenIntervention(ID, "lamp off again", resolvedAt.plusSeconds(60)))
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(26)), Intervention.REPAIR_DEADLINE);
    }

    @Test
    void givenAP1MadeSafe_whenTheMakeSafeDeadlineWouldPass_thenItWasCancelled() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(openP1())
                .andGiven(ASSIGNED, ARRIVED)
                .when(new RecordMadeSafe(ID, T0.plusSeconds(3600)))
                .expectEvents(new InterventionMadeSafe(ID, T0.plusSeconds(3600)))
                .expectNoScheduledDeadlineWithName(T0.plus(Duration.ofHours(2)), Intervention.MAKE_SAFE_DEADLINE)
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(24)), Intervention.REPAIR_DEADLINE);
    }

    @Test
    void givenAPausedClock_whenResumed_thenDeadlinesMoveByThePause() {
        Instant pausedAt = T0.plusSeconds(600);
        Instant resumedAt = pausedAt.plus(Duration.ofHours(3));
        fixture.given(P3_OPENED, new ClockPaused(ID, PauseReason.WEATHER_ALERT, pausedAt))
                .when(new ResumeClock(ID, resumedAt))
                .expectEvents(new ClockResumed(ID, Duration.ofHours(3), resumedAt))
                .expectScheduledDeadlineWithName(T0.plus(Duration.ofHours(75)), Intervention.REPAIR_DEADLINE);
    }

    @Test
    void givenAPausedClock_whenPausedAgain_thenPausesNeverOverlap() {
        fixture.given(P3_OPENED, new ClockPaused(ID, PauseReason.WEATHER_ALERT, T0.plusSeconds(60)))
                .when(new PauseClock(ID, PauseReason.ACCESS_IMPOSSIBLE, T0.plusSeconds(120)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new PausesNeverOverlap()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenAnOpenIntervention_whenPaused_thenNoDeadlineRunsUntilResumed() {
        fixture.given(P3_OPENED)
                .when(new PauseClock(ID, PauseReason.SNOW_PLAN_ACTIVE, T0.plusSeconds(60)))
                .expectEvents(new ClockPaused(ID, PauseReason.SNOW_PLAN_ACTIVE, T0.plusSeconds(60)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAClosedIntervention_whenPaused_thenInterventionMustBeActive() {
        fixture.given(P3_OPENED, ASSIGNED, ARRIVED,
                        new InterventionResolved(ID, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-1", "LP-1", "CREW-1", T0.plusSeconds(3600), java.util.List.of()),
                        new InterventionClosed(ID, T0.plusSeconds(7200)))
                .when(new PauseClock(ID, PauseReason.WEATHER_ALERT, T0.plusSeconds(9000)))
                .expectExceptionMessage(new RuleViolation(new InterventionMustBeActive()).getMessage());
    }

    @Test
    void givenNoCrew_whenDeparture_thenCrewMustBeAssigned() {
        fixture.given(P3_OPENED)
                .when(new RecordDeparture(ID, T0.plusSeconds(60)))
                .expectExceptionMessage(new RuleViolation(new CrewMustBeAssigned()).getMessage());
    }

    @Test
    void givenACrewOnSite_whenResolved_thenResolvedWithWhatItWasForAndDeadlinesCancelled() {
        Instant at = T0.plusSeconds(5400);
        fixture.given(P3_OPENED, ASSIGNED, new CrewDeparted(ID, "CREW-1", T0.plusSeconds(600)), ARRIVED)
                .when(new ResolveIntervention(ID, Resolution.REPLACED, at))
                .expectEvents(new InterventionResolved(ID, Resolution.REPLACED, InterventionSource.LAMP_FAILURE, "F-1",
                        "LP-1", "CREW-1", at, java.util.List.of()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAP3_whenMadeSafe_thenOnlyP1IsMadeSafe() {
        fixture.given(P3_OPENED, ASSIGNED, ARRIVED)
                .when(new RecordMadeSafe(ID, T0.plusSeconds(3600)))
                .expectExceptionMessage(new RuleViolation(new OnlyP1IsMadeSafe()).getMessage());
    }

    @Test
    void givenAResolvedIntervention_whenClosed_thenClosed_andCancellingIsRefused() {
        InterventionResolved resolved = new InterventionResolved(ID, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE,
                "F-1", "LP-1", "CREW-1", T0.plusSeconds(3600), java.util.List.of());
        fixture.given(P3_OPENED, ASSIGNED, ARRIVED, resolved)
                .when(new CloseIntervention(ID, T0.plusSeconds(7200)))
                .expectEvents(new InterventionClosed(ID, T0.plusSeconds(7200)));
        new AggregateTestFixture<>(Intervention.class)
                .given(P3_OPENED, ASSIGNED, ARRIVED, resolved)
                .when(new CancelIntervention(ID, "duplicate", T0.plusSeconds(7200)))
                .expectExceptionMessage(new RuleViolation(new InterventionMustBeActive()).getMessage());
    }

    @Test
    void givenAnAssignedIntervention_whenCancelled_thenCancelledNamingTheCrewToRelease() {
        fixture.given(P3_OPENED, ASSIGNED)
                .when(new CancelIntervention(ID, "reported twice", T0.plusSeconds(900)))
                .expectEvents(new InterventionCancelled(ID, "reported twice", "CREW-1", T0.plusSeconds(900)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenACrewEnRoute_whenArrival_thenOnSite() {
        fixture.given(P3_OPENED, ASSIGNED, new CrewDeparted(ID, "CREW-1", T0.plusSeconds(600)))
                .when(new RecordArrival(ID, T0.plusSeconds(1500)))
                .expectEvents(new CrewArrived(ID, "CREW-1", T0.plusSeconds(1500)));
    }

    @Test
    void givenAP1OpenedUnderVersion1_whenRequalifiedP3AfterAnAmendment_thenItsDeadlinesAreVersion1sForP3() {
        fixture.given(P1_OPENED)
                .when(new QualifyIntervention(ID, Priority.P3, Category.LIGHTING, "single lamp, no danger", T0.plus(Duration.ofDays(2))))
                .expectEvents(new InterventionQualified(ID, Priority.P3, Category.LIGHTING, P3_TERMS, "single lamp, no danger",
                        T0.plus(Duration.ofDays(2))));
    }

    @Test
    void givenTermsUnderWhichSnowPlansNoLongerStopTheClock_whenPausedForASnowPlan_thenRefusedNamingTheVersion() {
        fixture.given(P3_OPENED)
                .when(new PauseClock(ID, PauseReason.SNOW_PLAN_ACTIVE, T0.plus(Duration.ofDays(1)).plusSeconds(60)))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new PauseReasonMustStopTheClock(2)).getMessage());
    }

    @Test
    void givenAResolvedIntervention_whenItsResolutionTimeIsCorrected_thenTheCorrectionNamesTheTimeItReplaces() {
        InterventionResolved resolved = new InterventionResolved(ID, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE,
                "F-1", "LP-1", "CREW-1", T0.plusSeconds(3600), java.util.List.of());
        fixture.given(P3_OPENED, ASSIGNED, ARRIVED, resolved)
                .when(new CorrectInterventionTime(ID, CorrectableStep.RESOLVED, T0.plusSeconds(3000), "tablet ten minutes ahead",
                        T0.plusSeconds(90_000)))
                .expectEvents(new InterventionTimeCorrected(ID, CorrectableStep.RESOLVED, T0.plusSeconds(3600), T0.plusSeconds(3000),
                        "tablet ten minutes ahead", T0.plusSeconds(90_000)))
                .expectResultMessagePayload(true);
    }

    @Test
    void givenACorrectedTime_whenCorrectedAgainToTheSameTime_thenNothingChanges() {
        fixture.given(P3_OPENED, ASSIGNED, ARRIVED, new InterventionTimeCorrected(ID, CorrectableStep.CREW_ARRIVED,
                        T0.plusSeconds(1800), T0.plusSeconds(1700), "radio log", T0.plusSeconds(4000)))
                .when(new CorrectInterventionTime(ID, CorrectableStep.CREW_ARRIVED, T0.plusSeconds(1700), "again", T0.plusSeconds(5000)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void givenAnInterventionNotMadeSafe_whenItsMadeSafeTimeIsCorrected_thenRefused() {
        fixture.given(P1_OPENED, ASSIGNED, ARRIVED)
                .when(new CorrectInterventionTime(ID, CorrectableStep.MADE_SAFE, T0.plusSeconds(2000), "typo", T0.plusSeconds(5000)))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new StepMustHaveHappened()).getMessage());
    }

    @Test
    void givenAnArrivalAndAMadeSafe_whenTheArrivalIsCorrectedAfterTheMadeSafe_thenRefused() {
        fixture.given(P1_OPENED, ASSIGNED, ARRIVED, new InterventionMadeSafe(ID, T0.plusSeconds(2400)))
                .when(new CorrectInterventionTime(ID, CorrectableStep.CREW_ARRIVED, T0.plusSeconds(2500), "typo", T0.plusSeconds(5000)))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new CorrectedTimesKeepTheirOrder()).getMessage());
        new AggregateTestFixture<>(Intervention.class)
                .given(P1_OPENED, ASSIGNED, ARRIVED)
                .when(new CorrectInterventionTime(ID, CorrectableStep.CREW_ARRIVED, T0.minusSeconds(1), "typo", T0.plusSeconds(5000)))
                .expectExceptionMessage(new RuleViolation(new CorrectedTimesKeepTheirOrder()).getMessage());
    }
}
