package io.pilotage.crews;

import io.pilotage.shared.Skill;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.crews.CrewCommands.CommitCrew;
import io.pilotage.crews.CrewCommands.PlanShift;
import io.pilotage.crews.CrewCommands.RegisterCrew;
import io.pilotage.crews.CrewCommands.ReleaseCrew;
import io.pilotage.crews.CrewCommands.ReportPosition;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewPositionReported;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.crews.CrewEvent.ShiftPlanned;
import io.pilotage.crews.CrewRules.CrewIsRegisteredDifferently;
import io.pilotage.crews.CrewRules.CrewMustBeFree;
import io.pilotage.crews.CrewRules.ShiftsNeverOverlap;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrewTest {

    static final Instant T0 = Instant.parse("2026-11-02T06:00:00Z");
    static final CrewRegistered REGISTERED = new CrewRegistered("CREW-1", Set.of(Skill.LIGHTING), "VAN-1", T0);
    static final ShiftPlanned SHIFT = new ShiftPlanned("CREW-1", T0, T0.plus(Duration.ofHours(8)));

    private AggregateTestFixture<Crew> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Crew.class);
    }

    @Test
    void givenAShift_whenAnOverlappingShiftIsPlanned_thenShiftsNeverOverlap() {
        fixture.given(REGISTERED, SHIFT)
                .when(new PlanShift("CREW-1", T0.plus(Duration.ofHours(7)), T0.plus(Duration.ofHours(12))))
                .expectExceptionMessage(new RuleViolation(new ShiftsNeverOverlap()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenAShift_whenTheSameShiftIsPlannedAgain_thenNothingChanges() {
        fixture.given(REGISTERED, SHIFT)
                .when(new PlanShift("CREW-1", SHIFT.start(), SHIFT.end()))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenAPosition_whenAnOlderOneArrivesLate_thenNothingChanges() {
        fixture.given(REGISTERED, new CrewPositionReported("CREW-1", new GeoPosition(47.3, 5.0), T0.plusSeconds(60)))
                .when(new ReportPosition("CREW-1", new GeoPosition(47.31, 5.01), T0.plusSeconds(30)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenACommittedCrew_whenReleased_thenReleased_andReleasingAgainChangesNothing() {
        fixture.given(REGISTERED, SHIFT, new CrewCommitted("CREW-1", "INT-1", false, T0.plusSeconds(600)))
                .when(new ReleaseCrew("CREW-1", "INT-1", T0.plusSeconds(3600)))
                .expectEvents(new CrewReleased("CREW-1", "INT-1", T0.plusSeconds(3600)));
        new AggregateTestFixture<>(Crew.class).given(REGISTERED)
                .when(new ReleaseCrew("CREW-1", "INT-1", T0.plusSeconds(3600)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void whenAShiftEndsBeforeItStartsOrLastsOverADay_thenInvalid() {
        assertThatThrownBy(() -> new PlanShift("CREW-1", T0, T0.minusSeconds(1))).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> new PlanShift("CREW-1", T0, T0.plus(Duration.ofHours(25)))).isInstanceOf(InvalidValue.class);
    }

    static final ShiftPlanned IN_THREE_DAYS = new ShiftPlanned("CREW-1", T0.plus(Duration.ofDays(3)),
            T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(8)));

    @Test
    void givenTodaysShiftAndOneInThreeDays_whenCommittedToday_thenCommitted() {
        fixture.given(REGISTERED, SHIFT, IN_THREE_DAYS)
                .when(new CommitCrew("CREW-1", "INT-1", Skill.LIGHTING, false, T0.plus(Duration.ofHours(2))))
                .expectEvents(new CrewCommitted("CREW-1", "INT-1", false, T0.plus(Duration.ofHours(2))));
    }

    @Test
    void givenTodaysShiftAndOneInThreeDays_whenAShiftOverlappingTodaysIsPlanned_thenShiftsNeverOverlap() {
        fixture.given(REGISTERED, SHIFT, IN_THREE_DAYS)
                .when(new PlanShift("CREW-1", T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(10))))
                .expectExceptionMessage(new RuleViolation(new ShiftsNeverOverlap()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenAShiftThatEndedLongBeforeTheCrewsLatestPosition_whenAShiftIsPlannedOverIt_thenItIsForgotten() {
        Instant threeDaysLater = T0.plus(Duration.ofDays(3));
        fixture.given(REGISTERED, SHIFT, new CrewPositionReported("CREW-1", new GeoPosition(47.3, 5.0), threeDaysLater))
                .when(new PlanShift("CREW-1", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))))
                .expectEvents(new ShiftPlanned("CREW-1", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))));
    }

    /** The rule that settles two simultaneous assignments: it needs only the crew's own stream. */
    @Test
    void givenACrewCommittedToOneIntervention_whenCommittedToAnother_thenCrewMustBeFree_unlessOverridden() {
        CrewCommitted first = new CrewCommitted("CREW-1", "INT-1", false, T0.plusSeconds(60));
        fixture.given(REGISTERED, SHIFT, first)
                .when(new CommitCrew("CREW-1", "INT-2", Skill.LIGHTING, false, T0.plusSeconds(61)))
                .expectExceptionMessage(new RuleViolation(new CrewMustBeFree()).getMessage())
                .expectNoEvents();
        new AggregateTestFixture<>(Crew.class).given(REGISTERED, SHIFT, first)
                .when(new CommitCrew("CREW-1", "INT-2", Skill.LIGHTING, true, T0.plusSeconds(61)))
                .expectEvents(new CrewCommitted("CREW-1", "INT-2", true, T0.plusSeconds(61)));
    }

    @Test
    void givenARegisteredCrew_whenRegisteredAgain_thenUnchangedIfIdentical_andRefusedIfDifferent() {
        fixture.given(REGISTERED)
                .when(new RegisterCrew("CREW-1", Set.of(Skill.LIGHTING), "VAN-1", T0.plusSeconds(5)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        new AggregateTestFixture<>(Crew.class).given(REGISTERED)
                .when(new RegisterCrew("CREW-1", Set.of(Skill.TRAFFIC), "VAN-1", T0.plusSeconds(5)))
                .expectExceptionMessage(new RuleViolation(new CrewIsRegisteredDifferently()).getMessage())
                .expectNoEvents();
        new AggregateTestFixture<>(Crew.class).givenNoPriorActivity()
                .when(new RegisterCrew("CREW-1", Set.of(Skill.LIGHTING), "VAN-1", T0))
                .expectResultMessagePayload(true)
                .expectEvents(REGISTERED);
    }
}
