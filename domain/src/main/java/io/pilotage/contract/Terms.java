package io.pilotage.contract;

import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.InvalidValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terms of the performance contract at one version: what is due when, what lateness costs, the targets
 * the KPIs are judged against and the reasons that stop an intervention's clock. Targets are ratios (0.65 is
 * 65%), kept without trailing zeros so that 0.65 and 0.6500 are the same terms.
 *
 * @param energySavingTarget         savings against the adjusted baseline the operator commits to
 * @param lightingAvailabilityTarget share of scheduled burning hours the points must be lit
 * @param failureRateCeiling         share of points in failure at month end not to exceed
 */
public record Terms(Map<Priority, ContractDeadlines> deadlines, Map<Priority, PenaltyRate> penalties,
                    BigDecimal energySavingTarget, BigDecimal lightingAvailabilityTarget, BigDecimal failureRateCeiling,
                    Set<PauseReason> clockStoppingReasons) {

    /**
     * The reference contract's terms as domain.md states them (P1 made safe within 2 h and repaired within 24 h, P2
     * 24 h, P3 72 h; EUR 500 / 150 / 50 per started hour, capped at EUR 10,000 / 3,000 / 1,000 per step; 65%, 99%,
     * 1%; every pause reason stops the clock). The application's configuration defaults to them
     * ({@code ContractConfigurationTest} holds the two together); tests and worked examples start from them.
     */
    public static final Terms REFERENCE = new Terms(
            Map.of(Priority.P1, new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24)),
                    Priority.P2, new ContractDeadlines(null, Duration.ofHours(24)),
                    Priority.P3, new ContractDeadlines(null, Duration.ofHours(72))),
            Map.of(Priority.P1, new PenaltyRate(50_000, 1_000_000), Priority.P2, new PenaltyRate(15_000, 300_000),
                    Priority.P3, new PenaltyRate(5_000, 100_000)),
            new BigDecimal("0.65"), new BigDecimal("0.99"), new BigDecimal("0.01"), EnumSet.allOf(PauseReason.class));

    public Terms {
        InvalidValue.require(deadlines != null && deadlines.keySet().containsAll(List.of(Priority.values())),
                "deadlines", "must be set for P1, P2 and P3");
        InvalidValue.require(penalties != null && penalties.keySet().containsAll(List.of(Priority.values())),
                "penalties", "must be set for P1, P2 and P3");
        deadlines.forEach((priority, set) -> InvalidValue.requireNonNull(set, "deadlines." + priority));
        penalties.forEach((priority, rate) -> InvalidValue.requireNonNull(rate, "penalties." + priority));
        requireRatio(energySavingTarget, "energySavingTarget");
        requireRatio(lightingAvailabilityTarget, "lightingAvailabilityTarget");
        requireRatio(failureRateCeiling, "failureRateCeiling");
        InvalidValue.requireNonNull(clockStoppingReasons, "clockStoppingReasons");
        energySavingTarget = energySavingTarget.stripTrailingZeros();
        lightingAvailabilityTarget = lightingAvailabilityTarget.stripTrailingZeros();
        failureRateCeiling = failureRateCeiling.stripTrailingZeros();
        // Enum-ordered collections: equal terms are equal field by field too, whatever order they were built in.
        deadlines = Collections.unmodifiableMap(new EnumMap<>(deadlines));
        penalties = Collections.unmodifiableMap(new EnumMap<>(penalties));
        clockStoppingReasons = Collections.unmodifiableSet(clockStoppingReasons.isEmpty()
                ? EnumSet.noneOf(PauseReason.class) : EnumSet.copyOf(clockStoppingReasons));
    }

    private static void requireRatio(BigDecimal ratio, String field) {
        InvalidValue.requireNonNull(ratio, field);
        InvalidValue.require(ratio.signum() >= 0 && ratio.compareTo(BigDecimal.ONE) <= 0, field, "must be between 0 and 1");
        InvalidValue.require(ratio.stripTrailingZeros().scale() <= 4, field, "must have at most 4 decimals");
    }

    public ContractDeadlines deadlinesFor(Priority priority) {
        return deadlines.get(priority);
    }

    public PenaltyRate penaltyFor(Priority priority) {
        return penalties.get(priority);
    }

    public boolean stopsTheClock(PauseReason reason) {
        return clockStoppingReasons.contains(reason);
    }

    /** These terms with what an amendment changes; a null part keeps the current one, maps change per priority. */
    public Terms amendedBy(TermsChange change) {
        Map<Priority, ContractDeadlines> newDeadlines = new EnumMap<>(deadlines);
        if (change.deadlines() != null) {
            newDeadlines.putAll(change.deadlines());
        }
        Map<Priority, PenaltyRate> newPenalties = new EnumMap<>(penalties);
        if (change.penalties() != null) {
            newPenalties.putAll(change.penalties());
        }
        return new Terms(newDeadlines, newPenalties,
                change.energySavingTarget() != null ? change.energySavingTarget() : energySavingTarget,
                change.lightingAvailabilityTarget() != null ? change.lightingAvailabilityTarget() : lightingAvailabilityTarget,
                change.failureRateCeiling() != null ? change.failureRateCeiling() : failureRateCeiling,
                change.clockStoppingReasons() != null ? change.clockStoppingReasons() : clockStoppingReasons);
    }
}
