package io.pilotage.lighting;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.CabinetCommands.RecordEnergyReading;
import io.pilotage.lighting.LightPointCommands.ApplyDimmingProgram;
import io.pilotage.lighting.LightPointCommands.DecommissionLightPoint;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.Params;
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

    record RegisterLightPointRequest(String lightPointId, String commune, Double latitude, Double longitude,
                                     String cabinetId, Integer ratedPowerW, Integer legacyPowerW, String technology) {

        RegisterLightPoint toCommand(Instant now) {
            return new RegisterLightPoint(new LightPointId(lightPointId), Commune.parse(commune, "commune"),
                    new GeoPosition(required(latitude, "latitude"), required(longitude, "longitude")),
                    new CabinetId(cabinetId), required(ratedPowerW, "ratedPowerW"),
                    legacyPowerW == null ? 0 : legacyPowerW, parseTechnology(technology), now);
        }
    }

    record ReportFailureRequest(String kind, String source, Instant observedAt) {

        ReportLampFailure toCommand(String lightPointId, String failureId, Instant now) {
            FailureKind failureKind = FailureKind.lookup(required(kind, "kind")).orElseThrow(() -> new InvalidValue("kind",
                    "must be one of lampFailure, dimmingFailure, supplyLoss, relayFailure, lampUnexpectedOn, columnDamage, brokenLantern"));
            return new ReportLampFailure(new LightPointId(lightPointId), failureId, failureKind,
                    Params.requiredEnum(FailureSource.class, required(source, "source"), "source"),
                    observedAt == null ? now : observedAt, now);
        }
    }

    record RepairRequest(String failureId, Instant repairedAt) {

        RecordLampRepair toCommand(String lightPointId, Instant now) {
            Instant when = repairedAt == null ? now : repairedAt;
            InvalidValue.require(!when.isAfter(now.plusSeconds(300)), "repairedAt", "cannot be in the future");
            return new RecordLampRepair(new LightPointId(lightPointId), failureId, when);
        }
    }

    record DimmingStepRequest(String anchor, String at, Integer offsetMinutes, Integer level) {

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

    record DimmingProgramRequest(String name, List<DimmingStepRequest> steps) {

        ApplyDimmingProgram toCommand(String lightPointId, Instant now) {
            InvalidValue.require(steps != null, "steps", "is required");
            return new ApplyDimmingProgram(new LightPointId(lightPointId),
                    new DimmingProgram(name, steps.stream().map(DimmingStepRequest::toStep).toList()), now);
        }
    }

    record DecommissionRequest(String reason) {

        DecommissionLightPoint toCommand(String lightPointId, Instant now) {
            return new DecommissionLightPoint(new LightPointId(lightPointId), reason, now);
        }
    }

    record EnergyReadingRequest(Instant intervalStart, Instant intervalEnd, BigDecimal kwh) {

        RecordEnergyReading toCommand(String cabinetId, Instant now) {
            BigDecimal energy = required(kwh, "kwh");
            InvalidValue.require(energy.stripTrailingZeros().scale() <= 3, "kwh", "has at most 3 decimals (1 Wh)");
            InvalidValue.require(energy.compareTo(BigDecimal.valueOf(10_000_000)) < 0, "kwh", "is out of range");
            return new RecordEnergyReading(new CabinetId(cabinetId), required(intervalStart, "intervalStart"),
                    required(intervalEnd, "intervalEnd"), energy.movePointRight(3).longValueExact(), now);
        }
    }

    static LampTechnology parseTechnology(String text) {
        return text == null || text.isBlank() ? LampTechnology.LED : Params.requiredEnum(LampTechnology.class, text, "technology");
    }

    static <T> T required(T value, String field) {
        return InvalidValue.requireNonNull(value, field);
    }

}
