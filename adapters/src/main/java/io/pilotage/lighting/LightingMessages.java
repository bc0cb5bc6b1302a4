package io.pilotage.lighting;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.OneOf;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A lighting device's telemetry message, as it arrives on {@code pilotage/lighting/<device>} or is posted to
 * {@code /api/lighting/ingest}: lamp failures its lamp controllers detected and energy readings of its cabinet
 * meters. Fields are boxed so that a missing one is reported by name.
 */
final class LightingMessages {

    /** Failures and readings one message may carry in all. */
    static final int MAX_ITEMS = 1_000;

    private LightingMessages() {
    }

    @Schema(example = """
            {"messageId":"CAB-DIJ-0042-20261130T1745","device":"SEG-CAB-DIJ-0042",\
            "failures":[{"lightPointId":"LP-DIJ-000123","failureId":"TALQ-88412","kind":"lampFailure","observedAt":"2026-11-30T17:41:00Z"}],\
            "readings":[{"cabinetId":"CAB-DIJ-0042","intervalStart":"2026-11-30T17:30:00Z","intervalEnd":"2026-11-30T17:45:00Z",\
            "energyWh":1850}]}""")
    record LightingMessage(
            @Schema(requiredMode = REQUIRED, description = "The device's id for this message, kept when it is redelivered",
                    example = "CAB-DIJ-0042-20261130T1745") String messageId,
            @Schema(requiredMode = REQUIRED, description = "The device that sends it; events name it as their actor",
                    example = "SEG-CAB-DIJ-0042") String device,
            @Schema(description = "Lamp failures detected by lamp controllers") List<FailureReport> failures,
            @Schema(description = "Energy readings of cabinet meters") List<ReadingReport> readings) {

        int items() {
            return (failures == null ? 0 : failures.size()) + (readings == null ? 0 : readings.size());
        }
    }

    @Schema(example = """
            {"lightPointId":"LP-DIJ-000123","failureId":"TALQ-88412","kind":"lampFailure","observedAt":"2026-11-30T17:41:00Z"}""")
    record FailureReport(
            @Schema(requiredMode = REQUIRED, example = "LP-DIJ-000123") String lightPointId,
            @Schema(requiredMode = REQUIRED, description = "The controller's id for the failure: a redelivery names it again",
                    example = "TALQ-88412") String failureId,
            @Schema(requiredMode = REQUIRED, description = "TALQ failure kind", example = "lampFailure")
            @OneOf(FailureKind.class) String kind,
            @Schema(requiredMode = REQUIRED, description = "Never later than the message's arrival", example = "2026-11-30T17:41:00Z")
            Instant observedAt) {

        LightPointCommands.ReportLampFailure toCommand(Instant receivedAt) {
            FailureKind failureKind = FailureKind.lookup(InvalidValue.requireNonNull(kind, "kind")).orElseThrow(() -> new InvalidValue("kind",
                    "must be one of lampFailure, dimmingFailure, supplyLoss, relayFailure, lampUnexpectedOn, columnDamage, brokenLantern"));
            return new LightPointCommands.ReportLampFailure(new LightPointId(InvalidValue.requireNonNull(lightPointId, "lightPointId")),
                    InvalidValue.requireNonNull(failureId, "failureId"), failureKind, FailureSource.TELEMETRY,
                    InvalidValue.requireNonNull(observedAt, "observedAt"), receivedAt);
        }
    }

    @Schema(example = """
            {"cabinetId":"CAB-DIJ-0042","intervalStart":"2026-11-30T17:30:00Z","intervalEnd":"2026-11-30T17:45:00Z","energyWh":1850}""")
    record ReadingReport(
            @Schema(requiredMode = REQUIRED, example = "CAB-DIJ-0042") String cabinetId,
            @Schema(requiredMode = REQUIRED, example = "2026-11-30T17:30:00Z") Instant intervalStart,
            @Schema(requiredMode = REQUIRED, description = "After intervalStart, at most 31 days later", example = "2026-11-30T17:45:00Z")
            Instant intervalEnd,
            @Schema(requiredMode = REQUIRED, description = "Watt-hours measured over the interval", example = "1850") Long energyWh) {

        CabinetCommands.RecordEnergyReading toCommand(Instant receivedAt) {
            return new CabinetCommands.RecordEnergyReading(new CabinetId(InvalidValue.requireNonNull(cabinetId, "cabinetId")),
                    InvalidValue.requireNonNull(intervalStart, "intervalStart"), InvalidValue.requireNonNull(intervalEnd, "intervalEnd"),
                    InvalidValue.requireNonNull(energyWh, "energyWh"), receivedAt);
        }
    }
}
