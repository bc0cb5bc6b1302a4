package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.lighting.CabinetCommands.CorrectEnergyReading;
import io.pilotage.lighting.CabinetCommands.RecordEnergyReading;
import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.LightingRules.CorrectionNeedsARecordedReading;
import io.pilotage.lighting.LightingRules.EnergyReadingsMustMoveForward;
import io.pilotage.lighting.LightingRules.EnergyReadingsMustNotOverlap;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CabinetTest {

    static final CabinetId ID = new CabinetId("CAB-DIJ-001");
    static final Instant T0 = Instant.parse("2026-11-02T16:00:00Z");
    static final Instant T1 = T0.plusSeconds(900);
    static final Instant T2 = T1.plusSeconds(900);
    static final CabinetRegistered REGISTERED = new CabinetRegistered(ID, Commune.DIJON, T0);

    private AggregateTestFixture<Cabinet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cabinet.class);
    }

    @Test
    void givenNothing_whenRegister_thenRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCabinet(ID, Commune.DIJON, T0))
                .expectEvents(REGISTERED);
    }

    @Test
    void givenRegistered_whenRegisterAgain_thenNothingChanges() {
        fixture.given(REGISTERED)
                .when(new RegisterCabinet(ID, Commune.TALANT, T1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenReading_thenCabinetMustExist() {
        fixture.givenNoPriorActivity()
                .when(new RecordEnergyReading(ID, T0, T1, 900, T1))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void givenRegistered_whenReading_thenRecordedWithCommune() {
        fixture.given(REGISTERED)
                .when(new RecordEnergyReading(ID, T0, T1, 900, T1))
                .expectEvents(new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1));
    }

    @Test
    void givenReading_whenExactRepeat_thenAbsorbed() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1))
                .when(new RecordEnergyReading(ID, T0, T1, 900, T2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    /** A meter's link redelivers an older message after newer ones (MQTT at-least-once): a duplicate, not a violation. */
    @Test
    void givenTwoReadings_whenTheFirstIsRedelivered_thenAbsorbedAsADuplicate() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1),
                        new EnergyReadingRecorded(ID, Commune.DIJON, T1, T2, 800, T2))
                .when(new RecordEnergyReading(ID, T0, T1, 900, T2.plusSeconds(60)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenTwoReadings_whenTheFirstIntervalArrivesWithAnotherEnergy_thenEnergyReadingsMustMoveForward() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1),
                        new EnergyReadingRecorded(ID, Commune.DIJON, T1, T2, 800, T2))
                .when(new RecordEnergyReading(ID, T0, T1, 901, T2.plusSeconds(60)))
                .expectExceptionMessage(new RuleViolation(new EnergyReadingsMustMoveForward()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenReading_whenOverlapping_thenEnergyReadingsMustNotOverlap() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1))
                .when(new RecordEnergyReading(ID, T1.minusSeconds(60), T2, 900, T2))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new EnergyReadingsMustNotOverlap()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenReading_whenGoingBackwards_thenEnergyReadingsMustMoveForward() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T1, T2, 900, T2))
                .when(new RecordEnergyReading(ID, T0, T1, 900, T2))
                .expectExceptionMessage(new RuleViolation(new EnergyReadingsMustMoveForward()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenReading_whenSameIntervalOtherEnergy_thenEnergyReadingsMustMoveForward() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1))
                .when(new RecordEnergyReading(ID, T0, T1, 950, T2))
                .expectExceptionMessage(new RuleViolation(new EnergyReadingsMustMoveForward()).getMessage());
    }

    @Test
    void givenReading_whenNextAfterAGap_thenRecorded() {
        fixture.given(REGISTERED, new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1))
                .when(new RecordEnergyReading(ID, T2, T2.plusSeconds(900), 880, T2.plusSeconds(900)))
                .expectEvents(new EnergyReadingRecorded(ID, Commune.DIJON, T2, T2.plusSeconds(900), 880, T2.plusSeconds(900)));
    }

    @Test
    void whenIntervalEndsBeforeItStarts_thenInvalidBeforeAnyDecision() {
        assertThatThrownBy(() -> new RecordEnergyReading(ID, T1, T0, 900, T2))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("intervalEnd");
    }

    @Test
    void whenEnergyExceedsWhatACabinetCanDraw_thenInvalid() {
        assertThatThrownBy(() -> new RecordEnergyReading(ID, T0, T1, 62_501, T2))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("kwh");
    }

    static final EnergyReadingRecorded FIRST = new EnergyReadingRecorded(ID, Commune.DIJON, T0, T1, 900, T1);
    static final EnergyReadingRecorded SECOND = new EnergyReadingRecorded(ID, Commune.DIJON, T1, T2, 880, T2);
    static final Instant LATER = T2.plusSeconds(86_400);

    @Test
    void givenReadings_whenOneIsCorrected_thenItsRecordedValueIsReplaced() {
        fixture.given(REGISTERED, FIRST, SECOND)
                .when(new CorrectEnergyReading(ID, T0, 90, "meter constant mis-set", LATER))
                .expectResultMessagePayload(true)
                .expectEvents(new EnergyReadingCorrected(ID, Commune.DIJON, T0, T1, 900, 90, "meter constant mis-set", LATER));
    }

    @Test
    void givenACorrection_whenCorrectedAgain_thenTheLatestValueIsReplaced() {
        fixture.given(REGISTERED, FIRST, SECOND, new EnergyReadingCorrected(ID, Commune.DIJON, T0, T1, 900, 90, "mis-set", LATER))
                .when(new CorrectEnergyReading(ID, T0, 95, "second look", LATER))
                .expectEvents(new EnergyReadingCorrected(ID, Commune.DIJON, T0, T1, 90, 95, "second look", LATER));
    }

    @Test
    void givenACorrection_whenTheSameValueAgain_thenNothingChanges() {
        fixture.given(REGISTERED, FIRST, new EnergyReadingCorrected(ID, Commune.DIJON, T0, T1, 900, 90, "mis-set", LATER))
                .when(new CorrectEnergyReading(ID, T0, 90, "mis-set", LATER))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenNoReadingStartingThen_whenCorrected_thenCorrectionNeedsARecordedReading() {
        fixture.given(REGISTERED, FIRST)
                .when(new CorrectEnergyReading(ID, T0.plusSeconds(60), 90, "typo", LATER))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new CorrectionNeedsARecordedReading(T0.plusSeconds(60).toString(), 400)).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenAReadingMoreThan400DaysBeforeTheLatest_whenCorrected_thenItIsSettled() {
        Instant muchLater = T0.plus(java.time.Duration.ofDays(401));
        fixture.given(REGISTERED, FIRST, new EnergyReadingRecorded(ID, Commune.DIJON, muchLater, muchLater.plusSeconds(900), 700,
                        muchLater.plusSeconds(900)))
                .when(new CorrectEnergyReading(ID, T0, 90, "too late", muchLater.plusSeconds(900)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void givenACorrectedLastReading_whenTheMeterResendsItsOriginalValue_thenAbsorbed() {
        fixture.given(REGISTERED, FIRST, new EnergyReadingCorrected(ID, Commune.DIJON, T0, T1, 900, 90, "mis-set", LATER))
                .when(new RecordEnergyReading(ID, T0, T1, 900, LATER))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenAReading_whenCorrectedAboveWhatACabinetCanDraw_thenInvalid() {
        fixture.given(REGISTERED, FIRST)
                .when(new CorrectEnergyReading(ID, T0, 62_501, "typo", LATER))
                .expectException(InvalidValue.class)
                .expectNoEvents();
    }
}
