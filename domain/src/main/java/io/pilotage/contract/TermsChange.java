package io.pilotage.contract;

import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** What an amendment changes; every part is optional, maps name only the priorities that change. */
public record TermsChange(Map<Priority, ContractDeadlines> deadlines, Map<Priority, PenaltyRate> penalties,
                          BigDecimal energySavingTarget, BigDecimal lightingAvailabilityTarget,
                          BigDecimal failureRateCeiling, Set<PauseReason> clockStoppingReasons) {

    public TermsChange {
        deadlines = deadlines == null ? null : Map.copyOf(deadlines);
        penalties = penalties == null ? null : Map.copyOf(penalties);
        clockStoppingReasons = clockStoppingReasons == null ? null : Set.copyOf(clockStoppingReasons);
    }
}
