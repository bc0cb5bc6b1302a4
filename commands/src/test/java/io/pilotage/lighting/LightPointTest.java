package io.pilotage.lighting;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.LightPointCommands.ApplyDimmingProgram;
import io.pilotage.lighting.LightPointCommands.DecommissionLightPoint;
import io.pilotage.lighting.LightPointCommands.FailureReportOutcome;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.lighting.LightPointEvent.DimmingProgramApplied;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightingRules.LightPointMustBeInService;
import io.pilotage.lighting.LightingRules.LightPointRegistrationIsFinal;
import io.pilotage.lighting.LightingRules.RepairCannotPrecedeFailure;
import io.pilotage.lighting.LightingRules.RepairNeedsAnOpenFailure;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LightPointTest {

    static final LightPointId ID = new LightPointId("LP-DIJ-000042");
    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");
    static final LightPointRegistered REGISTERED = new LightPointRegistered(ID, Commune.DIJON,
            new GeoPosition(47.3220, 5.0415), new CabinetId("CAB-DIJ-001"), 40, 150, LampTechnology.LED, T0);

    private AggregateTestFixture<LightPoint> fixture;

    /** A failure as the point reports it now: with its cabinet, commune and position, for policies to act on. */
    static LampFailureReported reported(String failureId, FailureKind kind, FailureSource source, Instant at) {
        return new LampFailureReported(ID, failureId, kind, source, at, at, REGISTERED.cabinetId(), REGISTERED.commune(),
                REGISTERED.position());
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LightPoint.class);
    }

    static RegisterLightPoint register(int ratedPowerW) {
        return new RegisterLightPoint(ID, Commune.DIJON, new GeoPosition(47.3220, 5.0415), new CabinetId("CAB-DIJ-001"),
                ratedPowerW, 150, LampTechnology.LED, T0);
    }

    static ReportLampFailure report(String failureId, FailureKind kind, Instant at) {
        return new ReportLampFailure(ID, failureId, kind, FailureSource.TELEMETRY, at, at);
    }

    @Test
    void givenNothing_whenRegister_thenRegistered() {
        fixture.givenNoPriorActivity()
                .when(register(40))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(RegistrationOutcome.REGISTERED)
                .expectEvents(REGISTERED);
    }

    @Test
    void givenRegistered_whenRegisterSameAttributes_thenNothingChanges() {
        fixture.given(REGISTERED)
                .when(register(40))
                .expectResultMessagePayload(RegistrationOutcome.UNCHANGED)
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenRegisterOtherAttributes_thenRegistrationIsFinal() {
        fixture.given(REGISTERED)
                .when(register(60))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new LightPointRegistrationIsFinal()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenReportFailure_thenFailureReported() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED)
                .when(report("F-1", FailureKind.LAMP_FAILURE, at))
                .expectResultMessagePayload(new FailureReportOutcome("F-1", true))
                .expectEvents(reported("F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at));
    }

    @Test
    void givenOpenFailure_whenSameKindReportedAgain_thenAbsorbedIntoOpenFailure() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED, new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at))
                .when(new ReportLampFailure(ID, "F-2", FailureKind.LAMP_FAILURE, FailureSource.CITIZEN, at.plusSeconds(60), at.plusSeconds(60)))
                .expectResultMessagePayload(new FailureReportOutcome("F-1", false))
                .expectNoEvents();
    }

    @Test
    void givenOpenFailure_whenOtherKindReported_thenBothOpen() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED, new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at))
                .when(new ReportLampFailure(ID, "F-2", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL, at, at))
                .expectEvents(reported("F-2", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL, at));
    }

    @Test
    void givenDecommissioned_whenReportFailure_thenLightPointMustBeInService() {
        fixture.given(REGISTERED, new LightPointDecommissioned(ID, "column removed", List.of(), T0.plusSeconds(60)))
                .when(report("F-1", FailureKind.LAMP_FAILURE, T0.plusSeconds(120)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new LightPointMustBeInService()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenNoOpenFailure_whenRepair_thenRepairNeedsAnOpenFailure() {
        fixture.given(REGISTERED)
                .when(new RecordLampRepair(ID, null, T0.plusSeconds(60)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new RepairNeedsAnOpenFailure()).getMessage());
    }

    @Test
    void givenOpenFailure_whenRepairUnknownFailure_thenRepairNeedsAnOpenFailure() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED, new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at))
                .when(new RecordLampRepair(ID, "F-9", at.plusSeconds(60)))
                .expectExceptionMessage(new RuleViolation(new RepairNeedsAnOpenFailure()).getMessage());
    }

    @Test
    void givenTwoOpenFailures_whenRepairAll_thenEachRepaired() {
        Instant at = T0.plusSeconds(3600);
        Instant repairedAt = at.plusSeconds(7200);
        fixture.given(REGISTERED,
                        new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at),
                        new LampFailureReported(ID, "F-2", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL, at, at))
                .when(new RecordLampRepair(ID, null, repairedAt))
                .expectResultMessagePayload(List.of("F-1", "F-2"))
                .expectEvents(new LampRepaired(ID, "F-1", FailureKind.LAMP_FAILURE, repairedAt),
                        new LampRepaired(ID, "F-2", FailureKind.COLUMN_DAMAGE, repairedAt));
    }

    @Test
    void givenOpenFailure_whenRepairDatedBeforeIt_thenRepairCannotPrecedeFailure() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED, new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at))
                .when(new RecordLampRepair(ID, "F-1", at.minusSeconds(1)))
                .expectExceptionMessage(new RuleViolation(new RepairCannotPrecedeFailure()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenRepairedFailure_whenReportedAgain_thenNewFailure() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED,
                        new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at),
                        new LampRepaired(ID, "F-1", FailureKind.LAMP_FAILURE, at.plusSeconds(60)))
                .when(report("F-2", FailureKind.LAMP_FAILURE, at.plusSeconds(120)))
                .expectResultMessagePayload(new FailureReportOutcome("F-2", true))
                .expectEvents(reported("F-2", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at.plusSeconds(120)));
    }

    /** A controller's message redelivered after the repair (MQTT at-least-once) must not reopen the failure it reported. */
    @Test
    void givenRepairedFailure_whenTheSameFailureIdIsReportedAgain_thenAbsorbed() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED,
                        new LampFailureReported(ID, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, at, at),
                        new LampRepaired(ID, "F-1", FailureKind.LAMP_FAILURE, at.plusSeconds(60)))
                .when(report("F-1", FailureKind.LAMP_FAILURE, at))
                .expectResultMessagePayload(new FailureReportOutcome("F-1", false))
                .expectNoEvents();
    }

    @Test
    void givenProgramApplied_whenSameProgramAgain_thenNothingChanges() {
        DimmingProgram program = new DimmingProgram("eco-night", List.of(
                new DimmingStep(DimmingStep.Anchor.SUNSET, null, 0, 100),
                new DimmingStep(DimmingStep.Anchor.FIXED_TIME, LocalTime.of(23, 0), 0, 50),
                new DimmingStep(DimmingStep.Anchor.SUNRISE, null, -30, 0)));
        fixture.given(REGISTERED, new DimmingProgramApplied(ID, program, T0))
                .when(new ApplyDimmingProgram(ID, program, T0.plusSeconds(60)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenOpenFailure_whenDecommission_thenDecommissionedClosingTheFailure() {
        Instant at = T0.plusSeconds(3600);
        fixture.given(REGISTERED, new LampFailureReported(ID, "F-1", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL, at, at))
                .when(new DecommissionLightPoint(ID, "column removed", at.plusSeconds(60)))
                .expectEvents(new LightPointDecommissioned(ID, "column removed", List.of("F-1"), at.plusSeconds(60)));
    }

    @Test
    void givenDecommissioned_whenDecommissionAgain_thenNothingChanges() {
        fixture.given(REGISTERED, new LightPointDecommissioned(ID, "column removed", List.of(), T0))
                .when(new DecommissionLightPoint(ID, "again", T0.plusSeconds(60)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
