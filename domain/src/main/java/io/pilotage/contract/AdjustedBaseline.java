package io.pilotage.contract;

import io.pilotage.shared.InvalidValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The IPMVP arithmetic of the energy KPI, in one place: the write side checks adjustments with it and the read
 * model computes every month's figure with it, so the two can never disagree. Energy is in watt-hours, power in
 * watts, burning hours with at most two decimals.
 *
 * <p>The baseline of month {@code m} comes from the version in force at {@code m} (the latest effective month not
 * after {@code m}; the latest agreed among versions of one month) and the adjustments that take effect from that
 * version's month up to {@code m}: a re-agreed baseline restates what earlier adjustments changed. With
 * {@code hours} the version's burning hours, {@code hours'} those of the latest burning-hours change (the version's
 * when none) and {@code delta} the sum of the adjustments' power deltas:
 * <ul>
 *   <li>option A: {@code (legacyPowerW + delta) x hours'[m]};</li>
 *   <li>option B: {@code referenceMonthlyWh[m] x hours'[m] / hours[m] + delta x hours'[m]}.</li>
 * </ul>
 * The exact value is rounded once, to the watt-hour, half to even.
 */
public final class AdjustedBaseline {

    /** Hours in the longest month: 31 days. */
    public static final BigDecimal MAX_MONTHLY_HOURS = BigDecimal.valueOf(744);
    /** Same bound as a cabinet's meter: more is a typing error, not a cabinet. */
    public static final long MAX_POWER_W = 250_000;
    public static final long MAX_MONTHLY_WH = MAX_POWER_W * 744;
    /** Savings ratios are given with four decimals (0.6512 is 65.12%), half to even. */
    public static final int SAVINGS_SCALE = 4;

    private AdjustedBaseline() {
    }

    /** One agreed version, as the baseline's events carry it. */
    public record Version(int version, BaselineMethod method, YearMonth effectiveFrom, List<BigDecimal> burningHours,
                          Integer legacyPowerW, List<Long> referenceMonthlyWh) {
    }

    /** One non-routine adjustment; {@code burningHours} only for {@link AdjustmentKind#BURNING_HOURS_CHANGED}. */
    public record Adjustment(int adjustment, YearMonth effectiveFrom, AdjustmentKind kind, long powerDeltaW,
                             List<BigDecimal> burningHours) {
    }

    /** The version in force at {@code month}: empty before the first version takes effect. */
    public static Optional<Version> versionAt(List<Version> versions, YearMonth month) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(month))
                .max(Comparator.comparing(Version::effectiveFrom).thenComparingInt(Version::version));
    }

    /** The adjusted baseline of {@code month} in Wh; empty when no version is in force then. */
    public static OptionalLong monthWh(List<Version> versions, List<Adjustment> adjustments, YearMonth month) {
        Optional<Version> inForce = versionAt(versions, month);
        if (inForce.isEmpty()) {
            return OptionalLong.empty();
        }
        Version version = inForce.get();
        List<Adjustment> applying = adjustments.stream()
                .filter(a -> !a.effectiveFrom().isBefore(version.effectiveFrom()) && !a.effectiveFrom().isAfter(month))
                .toList();
        BigDecimal delta = BigDecimal.valueOf(applying.stream().mapToLong(Adjustment::powerDeltaW).sum());
        List<BigDecimal> hoursNow = applying.stream().filter(a -> a.kind() == AdjustmentKind.BURNING_HOURS_CHANGED)
                .max(Comparator.comparing(Adjustment::effectiveFrom).thenComparingInt(Adjustment::adjustment))
                .map(Adjustment::burningHours).orElse(version.burningHours());
        int index = month.getMonthValue() - 1;
        BigDecimal adjustedHours = hoursNow.get(index);
        BigDecimal exact;
        if (version.method() == BaselineMethod.A) {
            exact = BigDecimal.valueOf(version.legacyPowerW()).add(delta).multiply(adjustedHours);
        } else {
            BigDecimal agreedHours = version.burningHours().get(index);
            BigDecimal numerator = BigDecimal.valueOf(version.referenceMonthlyWh().get(index)).multiply(adjustedHours)
                    .add(delta.multiply(adjustedHours).multiply(agreedHours));
            return OptionalLong.of(numerator.divide(agreedHours, 0, RoundingMode.HALF_EVEN).longValueExact());
        }
        return OptionalLong.of(exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    /**
     * {@code (baseline - measured) / baseline}, four decimals, half to even; null when the baseline is zero (nothing
     * to save against). Negative when more was used than the baseline.
     */
    public static BigDecimal savings(long baselineWh, long measuredWh) {
        if (baselineWh == 0) {
            return null;
        }
        return BigDecimal.valueOf(baselineWh - measuredWh).divide(BigDecimal.valueOf(baselineWh), SAVINGS_SCALE,
                RoundingMode.HALF_EVEN);
    }

    /** Whether {@code savings} reaches {@code target}; null when either is unknown. */
    public static Boolean meetsTarget(BigDecimal savings, BigDecimal target) {
        return savings == null || target == null ? null : savings.compareTo(target) >= 0;
    }

    /** Twelve burning-hour figures, January first: 0 to 744 with at most two decimals, normalised to two. */
    public static List<BigDecimal> requireBurningHours(List<BigDecimal> hours, String field, boolean positive) {
        InvalidValue.require(hours != null && hours.size() == 12, field, "must hold 12 values, January to December");
        for (int i = 0; i < 12; i++) {
            BigDecimal h = hours.get(i);
            String at = field + "[" + i + "]";
            InvalidValue.requireNonNull(h, at);
            InvalidValue.require(h.signum() >= 0 && h.compareTo(MAX_MONTHLY_HOURS) <= 0, at, "must be 0 to 744 hours");
            InvalidValue.require(!positive || h.signum() > 0, at, "must be more than 0: option B scales the metered reference by it");
            InvalidValue.require(h.stripTrailingZeros().scale() <= 2, at, "has at most 2 decimals");
        }
        return twoDecimals(hours);
    }

    /** Burning hours with two decimals each: {@link BigDecimal#equals} counts the scale. */
    public static List<BigDecimal> twoDecimals(List<BigDecimal> hours) {
        return hours == null ? null : hours.stream().map(h -> h == null ? null : h.setScale(2, RoundingMode.UNNECESSARY)).toList();
    }

    /** Twelve metered monthly figures, January first, each 0 to what a cabinet can draw in a month. */
    public static List<Long> requireMonthlyWh(List<Long> wh, String field) {
        InvalidValue.require(wh != null && wh.size() == 12, field, "must hold 12 values, January to December");
        for (int i = 0; i < 12; i++) {
            Long value = wh.get(i);
            String at = field + "[" + i + "]";
            InvalidValue.requireNonNull(value, at);
            InvalidValue.require(value >= 0 && value <= MAX_MONTHLY_WH, at, "must be 0 to " + MAX_MONTHLY_WH + " Wh");
        }
        return List.copyOf(wh);
    }
}
