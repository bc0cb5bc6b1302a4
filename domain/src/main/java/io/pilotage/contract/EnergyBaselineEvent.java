package io.pilotage.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What the parties agree about one cabinet's energy baseline: versions of the baseline itself, and non-routine
 * adjustments to it. Each is a dated fact with its reason; none is ever edited. Burning hours always have two
 * decimals, so that a version read back from the store equals the one decided ({@code 400.0} is {@code 400.00}).
 */
public sealed interface EnergyBaselineEvent {

    String cabinetId();

    /**
     * A baseline version, in force from {@code effectiveFrom} until a later version's month. Option A carries
     * {@code legacyPowerW}, option B {@code referenceMonthlyWh}; both carry the agreed burning hours (January first).
     */
    @Revision("1")
    record EnergyBaselineAgreed(String cabinetId, int version, BaselineMethod method, YearMonth effectiveFrom,
                                List<BigDecimal> monthlyBurningHours, Integer legacyPowerW, List<Long> referenceMonthlyWh,
                                String reason, Instant at) implements EnergyBaselineEvent {
        public EnergyBaselineAgreed {
            monthlyBurningHours = AdjustedBaseline.twoDecimals(monthlyBurningHours);
        }
    }

    /** A non-routine adjustment from {@code effectiveFrom} on; {@code monthlyBurningHours} only for a burning-hours change. */
    @Revision("1")
    record EnergyBaselineAdjusted(String cabinetId, int adjustment, YearMonth effectiveFrom, AdjustmentKind kind,
                                  long powerDeltaW, List<BigDecimal> monthlyBurningHours, String reason,
                                  Instant at) implements EnergyBaselineEvent {
        public EnergyBaselineAdjusted {
            monthlyBurningHours = AdjustedBaseline.twoDecimals(monthlyBurningHours);
        }
    }
}
