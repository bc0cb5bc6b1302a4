package io.pilotage.interventions;

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
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterventionTest {

    static final String ID = "INT-1";
    static final Instant T0 = Instant.parse("2026-11-02T20:00:00Z");
    static final ContractDeadlines P1_TERMS = new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24));
    static final ContractDeadlines P3_TERMS = new ContractDeadlines(null, Duration.ofHours(72));
    static final InterventionOpened P1_OPENED = new InterventionOpened(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1",
            Category.LIGHTING, Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P1, P1_TERMS, T0);
    static final InterventionOpened P3_OPENED = new InterventionOpened(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1",
            Category.LIGHTING, Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P3, P3_TERMS, T0);
    static final CrewAssigned ASSIGNED = new CrewAssigned(ID, "CREW-1", false, T0.plusSeconds(300));
    static final CrewArrived ARRIVED = new CrewArrived(ID, "CREW-1", T0.plusSeconds(1800));

    private AggregateTestFixture<Intervention> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Intervention.class);
    }

    static OpenIntervention openP1() {
        return new OpenIntervention(ID, InterventionSource.LAMP_FAILURE, "F-1", "LP-1", Category.LIGHTING,
                Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P1, P1_TERMS, T0);
    }

    private void clockAt(Instant instant) {
        fixture.registerInjectableResource(Clock.fixed(instant, ZoneOffset.UTC));
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
    void givenAP1NotMadeSafe_whenTwoHoursPass_thenTheMissIsRecordedWithItsDelay() {
        clockAt(T0.plus(Duration.ofHours(2)).plusSeconds(30));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(openP1())
                .whenThenTimeElapses(Duration.ofHours(2).plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Intervention.MAKE_SAFE_DEADLINE)
                .expectEvents(new DeadlineMissed(ID, DeadlineKind.MAKE_SAFE, T0.plus(Duration.ofHours(2)),
                        Duration.ofSeconds(30), T0.plus(Duration.ofHours(2)).plusSeconds(30)));
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
                        new InterventionResolved(ID, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-1", "LP-1", "CREW-1", T0.plusSeconds(3600)),
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
                        "LP-1", "CREW-1", at))
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
                "F-1", "LP-1", "CREW-1", T0.plusSeconds(3600));
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
}
