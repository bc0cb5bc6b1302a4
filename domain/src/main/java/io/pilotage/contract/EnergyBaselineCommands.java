package io.pilotage.contract;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to one cabinet's energy baseline. Each checks here every rule a field keeps on its own. */
public final class EnergyBaselineCommands {

    private EnergyBaselineCommands() {
    }

    /** A cabinet's baseline has a stream of its own, named after the cabinet. */
    public static String baselineId(String cabinetId) {
        return "baseline:" + cabinetId;
    }

    /** Agrees a baseline version from {@code effectiveFrom} on; a later agreement is a new version. */
    public record AgreeEnergyBaseline(String cabinetId, BaselineMethod method, YearMonth effectiveFrom,
                                      List<BigDecimal> monthlyBurningHours, Integer legacyPowerW,
                                      List<Long> referenceMonthlyWh, String reason, Instant at) {
        public AgreeEnergyBaseline {
            Identifiers.require(cabinetId, "cabinetId");
            InvalidValue.requireNonNull(method, "method");
            requireMonth(effectiveFrom, "effectiveFrom");
            monthlyBurningHours = AdjustedBaseline.requireBurningHours(monthlyBurningHours, "monthlyBurningHours",
                    method == BaselineMethod.B);
            if (method == BaselineMethod.A) {
                InvalidValue.require(legacyPowerW != null, "method", "option A needs legacyPowerW, the legacy lamps' power");
                InvalidValue.require(legacyPowerW > 0 && legacyPowerW <= AdjustedBaseline.MAX_POWER_W, "legacyPowerW",
                        "must be 1 to " + AdjustedBaseline.MAX_POWER_W + " W");
                InvalidValue.require(referenceMonthlyWh == null, "referenceMonthlyWh", "is for option B only");
            } else {
                InvalidValue.require(legacyPowerW == null, "legacyPowerW", "is for option A only");
                InvalidValue.require(referenceMonthlyWh != null, "method", "option B needs referenceMonthlyWh, the metered reference");
                referenceMonthlyWh = AdjustedBaseline.requireMonthlyWh(referenceMonthlyWh, "referenceMonthlyWh");
            }
            Text.requireLine(reason, "reason", 500);
            InvalidValue.requireNonNull(at, "at");
        }

        @TargetAggregateIdentifier
        public String baselineId() {
            return EnergyBaselineCommands.baselineId(cabinetId);
        }
    }

    /**
     * A non-routine adjustment from {@code effectiveFrom} on: points added ({@code powerDeltaW} above 0) or removed
     * (below 0), or new burning hours ({@code monthlyBurningHours}, no power delta).
     */
    public record AdjustEnergyBaseline(String cabinetId, YearMonth effectiveFrom, AdjustmentKind kind,
                                       long powerDeltaW, List<BigDecimal> monthlyBurningHours, String reason,
                                       Instant at) {
        public AdjustEnergyBaseline {
            Identifiers.require(cabinetId, "cabinetId");
            requireMonth(effectiveFrom, "effectiveFrom");
            InvalidValue.requireNonNull(kind, "kind");
            InvalidValue.require(Math.abs(powerDeltaW) <= AdjustedBaseline.MAX_POWER_W, "powerDeltaW",
                    "must be within " + AdjustedBaseline.MAX_POWER_W + " W either way");
            switch (kind) {
                case POINTS_ADDED -> InvalidValue.require(powerDeltaW > 0, "powerDeltaW", "must be more than 0 when points are added");
                case POINTS_REMOVED -> InvalidValue.require(powerDeltaW < 0, "powerDeltaW", "must be less than 0 when points are removed");
                case BURNING_HOURS_CHANGED -> InvalidValue.require(powerDeltaW == 0, "powerDeltaW",
                        "must be 0 for a burning-hours change");
            }
            if (kind == AdjustmentKind.BURNING_HOURS_CHANGED) {
                monthlyBurningHours = AdjustedBaseline.requireBurningHours(monthlyBurningHours, "monthlyBurningHours", false);
            } else {
                InvalidValue.require(monthlyBurningHours == null, "monthlyBurningHours", "is for BURNING_HOURS_CHANGED only");
            }
            Text.requireLine(reason, "reason", 500);
            InvalidValue.requireNonNull(at, "at");
        }

        @TargetAggregateIdentifier
        public String baselineId() {
            return EnergyBaselineCommands.baselineId(cabinetId);
        }
    }

    /** Baselines are agreed for the contract's years: 2000 to 2100 keeps typing errors out. */
    static void requireMonth(YearMonth month, String field) {
        InvalidValue.requireNonNull(month, field);
        InvalidValue.require(month.getYear() >= 2000 && month.getYear() <= 2100, field, "must be a month of 2000 to 2100");
    }
}
