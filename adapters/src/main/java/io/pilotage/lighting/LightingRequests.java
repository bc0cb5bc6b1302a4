package io.pilotage.lighting;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.CabinetCommands.CorrectEnergyReading;
import io.pilotage.lighting.CabinetCommands.RecordEnergyReading;
import io.pilotage.lighting.LightPointCommands.ApplyDimmingProgram;
import io.pilotage.lighting.LightPointCommands.DecommissionLightPoint;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.OneOf;
import io.pilotage.shared.web.Params;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Bodies of the lighting API. Fields are boxed so that a missing one is reported by name; every rule a
 * field must keep is checked by the domain type it becomes, so the API and the import say the same.
 */
final class LightingRequests {

    private LightingRequests() {
    }

    record RegisterLightPointRequest(
            @Schema(requiredMode = REQUIRED, example = "LP-DIJ-000001") String lightPointId,
            @Schema(requiredMode = REQUIRED, example = "Dijon") @OneOf(Commune.class) String commune,
            @Schema(requiredMode = REQUIRED, example = "47.322") Double latitude,
            @Schema(requiredMode = REQUIRED, example = "5.0415") Double longitude,
            @Schema(requiredMode = REQUIRED, example = "CAB-DIJ-001") String cabinetId,
            @Schema(requiredMode = REQUIRED, description = "1 to 2000 W", example = "40") Integer ratedPowerW,
            @Schema(description = "Power of the lamp it replaced, 0 to 2000 W; 0 when absent", example = "150") Integer legacyPowerW,
            @Schema(description = "led when absent", example = "led") @OneOf(LampTechnology.class) String technology) {

        RegisterLightPoint toCommand(Instant now) {
            return new RegisterLightPoint(new LightPointId(lightPointId), Commune.parse(commune, "commune"),
                    new GeoPosition(required(latitude, "latitude"), required(longitude, "longitude")),
                    new CabinetId(cabinetId), required(ratedPowerW, "ratedPowerW"),
                    legacyPowerW == null ? 0 : legacyPowerW, parseTechnology(technology), now);
        }
    }

    record ReportFailureRequest(
            @Schema(requiredMode = REQUIRED, description = "TALQ failure kind", example = "lampFailure")
            @OneOf(FailureKind.class) String kind,
            @Schema(requiredMode = REQUIRED, example = "telemetry") @OneOf(FailureSource.class) String source,
            @Schema(description = "Now when absent; never in the future", example = "2026-03-14T21:30:00Z") Instant observedAt) {

        ReportLampFailure toCommand(String lightPointId, String failureId, Instant now) {
            FailureKind failureKind = FailureKind.lookup(required(kind, "kind")).orElseThrow(() -> new InvalidValue("kind",
                    "must be one of lampFailure, dimmingFailure, supplyLoss, relayFailure, lampUnexpectedOn, columnDamage, brokenLantern"));
            return new ReportLampFailure(new LightPointId(lightPointId), failureId, failureKind,
                    Params.requiredEnum(FailureSource.class, required(source, "source"), "source"),
                    observedAt == null ? now : observedAt, now);
        }
    }

    record RepairRequest(
            @Schema(description = "The failure repaired; every open failure of the point when absent", example = "F-7c1e2a90")
            String failureId,
            @Schema(description = "Now when absent; never in the future", example = "2026-03-15T10:05:00Z") Instant repairedAt) {

        RecordLampRepair toCommand(String lightPointId, Instant now) {
            Instant when = repairedAt == null ? now : repairedAt;
            InvalidValue.require(!when.isAfter(now.plusSeconds(300)), "repairedAt", "cannot be in the future");
            return new RecordLampRepair(new LightPointId(lightPointId), failureId, when);
        }
    }

    @Schema(example = """
            {"anchor":"sunset","offsetMinutes":15,"level":100}""")
    record DimmingStepRequest(
            @Schema(requiredMode = REQUIRED, example = "sunset") @OneOf(DimmingStep.Anchor.class) String anchor,
            @Schema(format = "partial-time", description = "Local time of a fixed_time step (required then); absent otherwise",
                    example = "23:00") String at,
            @Schema(description = "Minutes after sunset or sunrise (negative: before), within 6 h; 0 when absent",
                    example = "15") Integer offsetMinutes,
            @Schema(requiredMode = REQUIRED, description = "Percent of full power, 0 to 100", example = "100") Integer level) {

        DimmingStep toStep() {
            DimmingStep.Anchor stepAnchor = Params.requiredEnum(DimmingStep.Anchor.class, required(anchor, "anchor"), "anchor");
            java.time.LocalTime time = null;
            if (at != null) {
                try {
                    time = java.time.LocalTime.parse(at);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidValue("at", "must be a local time such as 22:30");
                }
            }
            return new DimmingStep(stepAnchor, time, offsetMinutes == null ? 0 : offsetMinutes, required(level, "level"));
        }
    }

    @Schema(example = """
            {"name":"Eco 50% after 23:00","steps":[{"anchor":"sunset","offsetMinutes":15,"level":100},\
            {"anchor":"fixed_time","at":"23:00","level":50}]}""")
    record DimmingProgramRequest(
            @Schema(requiredMode = REQUIRED, description = "1 to 64 characters", example = "Eco 50% after 23:00") String name,
            @Schema(requiredMode = REQUIRED, description = "1 to 24 steps") List<DimmingStepRequest> steps) {

        ApplyDimmingProgram toCommand(String lightPointId, Instant now) {
            InvalidValue.require(steps != null, "steps", "is required");
            InvalidValue.require(steps.stream().allMatch(java.util.Objects::nonNull), "steps", "must not hold null steps");
            return new ApplyDimmingProgram(new LightPointId(lightPointId),
                    new DimmingProgram(name, steps.stream().map(DimmingStepRequest::toStep).toList()), now);
        }
    }

    record DecommissionRequest(
            @Schema(requiredMode = REQUIRED, description = "1 to 200 characters", example = "Column removed for roadworks")
            String reason) {

        DecommissionLightPoint toCommand(String lightPointId, Instant now) {
            return new DecommissionLightPoint(new LightPointId(lightPointId), reason, now);
        }
    }

    record EnergyReadingRequest(
            @Schema(requiredMode = REQUIRED, example = "2026-03-14T23:00:00Z") Instant intervalStart,
            @Schema(requiredMode = REQUIRED, example = "2026-03-15T23:00:00Z") Instant intervalEnd,
            @Schema(requiredMode = REQUIRED, description = "At most 3 decimals (1 Wh)", example = "12.345") BigDecimal kwh) {

        RecordEnergyReading toCommand(String cabinetId, Instant now) {
            BigDecimal energy = required(kwh, "kwh");
            InvalidValue.require(energy.signum() >= 0, "kwh", "must be 0 or more");
            InvalidValue.require(energy.stripTrailingZeros().scale() <= 3, "kwh", "has at most 3 decimals (1 Wh)");
            InvalidValue.require(energy.compareTo(BigDecimal.valueOf(10_000_000)) < 0, "kwh", "is out of range");
            return new RecordEnergyReading(new CabinetId(cabinetId), required(intervalStart, "intervalStart"),
                    required(intervalEnd, "intervalEnd"), energy.movePointRight(3).longValueExact(), now);
        }
    }

    record ReadingCorrectionRequest(
            @Schema(requiredMode = REQUIRED, description = "Start of the recorded reading this corrects", example = "2026-03-14T23:00:00Z")
            Instant intervalStart,
            @Schema(requiredMode = REQUIRED, description = "The reading's energy as it should have been, in Wh", example = "12345")
            Long energyWh,
            @Schema(requiredMode = REQUIRED, description = "1 to 500 characters", example = "Meter constant mis-set after replacement")
            String reason) {

        CorrectEnergyReading toCommand(String cabinetId, Instant now) {
            return new CorrectEnergyReading(new CabinetId(cabinetId), required(intervalStart, "intervalStart"),
                    required(energyWh, "energyWh"), reason, now);
        }
    }

    static LampTechnology parseTechnology(String text) {
        return text == null || text.isBlank() ? LampTechnology.LED : Params.requiredEnum(LampTechnology.class, text, "technology");
    }

    static <T> T required(T value, String field) {
        return InvalidValue.requireNonNull(value, field);
    }

}
