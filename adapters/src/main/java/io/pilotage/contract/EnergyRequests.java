package io.pilotage.contract;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.contract.EnergyBaselineCommands.AdjustEnergyBaseline;
import io.pilotage.contract.EnergyBaselineCommands.AgreeEnergyBaseline;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.OneOf;
import io.pilotage.shared.web.Params;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Bodies of the energy baseline API; the commands they become check every rule a field keeps. */
final class EnergyRequests {

    private EnergyRequests() {
    }

    @Schema(example = """
            {"cabinetId":"CAB-DIJ-001","method":"A","effectiveFrom":"2026-01","legacyPowerW":2000,\
            "monthlyBurningHours":[400,340,320,270,230,200,210,250,290,340,370,410],"reason":"Pre-renovation survey, annex 4"}""")
    record BaselineRequest(
            @Schema(requiredMode = REQUIRED, example = "CAB-DIJ-001") String cabinetId,
            @Schema(requiredMode = REQUIRED, description = "IPMVP option: A (legacy power x hours) or B (metered reference)",
                    example = "A") @OneOf(BaselineMethod.class) String method,
            @Schema(requiredMode = REQUIRED, format = "year-month", description = "First month in force, YYYY-MM", example = "2026-01")
            String effectiveFrom,
            @Schema(requiredMode = REQUIRED, description = "12 agreed burning hours, January first, 0 to 744 with at most 2 decimals",
                    example = "[400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 370, 410]")
            List<BigDecimal> monthlyBurningHours,
            @Schema(description = "Option A only (required then): the legacy lamps' power, 1 to 250000 W", example = "2000") Integer legacyPowerW,
            @Schema(description = "Option B only (required then): 12 metered monthly figures in Wh, January first",
                    example = "[500000, 450000, 420000, 360000, 310000, 270000, 280000, 330000, 380000, 440000, 300000, 520000]")
            List<Long> referenceMonthlyWh,
            @Schema(requiredMode = REQUIRED, description = "1 to 500 characters", example = "Pre-renovation survey, annex 4")
            String reason) {

        AgreeEnergyBaseline toCommand(Instant now) {
            return new AgreeEnergyBaseline(cabinetId, Params.requiredEnum(BaselineMethod.class, method, "method"),
                    Params.requiredMonth(effectiveFrom, "effectiveFrom"), monthlyBurningHours, legacyPowerW,
                    referenceMonthlyWh, reason, now);
        }
    }

    @Schema(example = """
            {"effectiveFrom":"2026-11","kind":"POINTS_ADDED","powerDeltaW":300,"reason":"Rue Jean Jaures extension, 6 points"}""")
    record AdjustmentRequest(
            @Schema(requiredMode = REQUIRED, format = "year-month", description = "First month in force, YYYY-MM", example = "2026-11")
            String effectiveFrom,
            @Schema(requiredMode = REQUIRED, example = "POINTS_ADDED") @OneOf(AdjustmentKind.class) String kind,
            @Schema(requiredMode = REQUIRED, description = "Legacy-equivalent power added (> 0) or removed (< 0), in W; 0 for a burning-hours change",
                    example = "300") Long powerDeltaW,
            @Schema(description = "BURNING_HOURS_CHANGED only (required then): the 12 new burning hours, January first",
                    example = "[400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 333, 410]")
            List<BigDecimal> monthlyBurningHours,
            @Schema(requiredMode = REQUIRED, description = "1 to 500 characters", example = "Rue Jean Jaures extension, 6 points")
            String reason) {

        AdjustEnergyBaseline toCommand(String cabinetId, Instant now) {
            InvalidValue.requireNonNull(powerDeltaW, "powerDeltaW");
            InvalidValue.require(Math.abs(powerDeltaW) <= 250_000, "powerDeltaW", "must be within 250000 W either way");
            return new AdjustEnergyBaseline(cabinetId, Params.requiredMonth(effectiveFrom, "effectiveFrom"),
                    Params.requiredEnum(AdjustmentKind.class, kind, "kind"), powerDeltaW,
                    monthlyBurningHours, reason, now);
        }
    }
}
