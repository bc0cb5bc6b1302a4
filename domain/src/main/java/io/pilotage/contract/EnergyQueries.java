package io.pilotage.contract;

import io.pilotage.shared.Commune;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** What contract managers and auditors ask about energy savings, and the shapes of the answers. */
public final class EnergyQueries {

    private EnergyQueries() {
    }

    /**
     * The savings of {@code month} for {@code commune} (the whole metropole when null), from the events recorded
     * before {@code asOf} (all of them when null).
     */
    public record FindEnergySavings(YearMonth month, Commune commune, Instant asOf) {
        public FindEnergySavings {
            InvalidValue.requireNonNull(month, "month");
        }
    }

    /**
     * One month's savings. Totals are sums of watt-hours over the cabinets that have a baseline in force, never means
     * of ratios; cabinets measured without a baseline are listed with a null baseline, left out of the totals and
     * counted in {@code withoutBaseline}. {@code savings} is null when the total baseline is zero; {@code target} and
     * {@code termsVersion} null when no terms were in force; {@code meetsTarget} null when either side is unknown.
     */
    public record EnergySavings(YearMonth month, Commune commune, Instant asOf, BigDecimal target, Integer termsVersion,
                                long baselineWh, long measuredWh, BigDecimal savings, Boolean meetsTarget,
                                int withoutBaseline, List<CabinetSavings> cabinets, List<CommuneSavings> communes) {
        public EnergySavings {
            cabinets = List.copyOf(cabinets);
            communes = List.copyOf(communes);
        }
    }

    /** One cabinet's month: {@code readings} counts the meter intervals that started in it. */
    public record CabinetSavings(String cabinetId, Commune commune, Long baselineWh, long measuredWh, BigDecimal savings,
                                 int readings) {
    }

    /** One commune's totals over its cabinets with a baseline. */
    public record CommuneSavings(Commune commune, long baselineWh, long measuredWh, BigDecimal savings) {
    }

    /** One cabinet's baseline versions and adjustments as recorded before {@code asOf} (all when null). */
    public record FindEnergyBaseline(String cabinetId, Instant asOf) {
        public FindEnergyBaseline {
            Identifiers.require(cabinetId, "cabinetId");
        }
    }

    public record BaselineVersionView(int version, BaselineMethod method, YearMonth effectiveFrom,
                                      List<BigDecimal> monthlyBurningHours, Integer legacyPowerW,
                                      List<Long> referenceMonthlyWh, String reason, Instant recordedAt) {
    }

    public record BaselineAdjustmentView(int adjustment, YearMonth effectiveFrom, AdjustmentKind kind, long powerDeltaW,
                                         List<BigDecimal> monthlyBurningHours, String reason, Instant recordedAt) {
    }

    public record EnergyBaselineView(String cabinetId, List<BaselineVersionView> versions,
                                     List<BaselineAdjustmentView> adjustments) {
    }
}
