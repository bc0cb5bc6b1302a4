package io.pilotage.contract;

import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/** The reference contract's terms as signed (domain.md's defaults), for the read models' tests. */
public final class DijonTerms {

    /** P1 2 h / 24 h, P2 24 h, P3 72 h; EUR 500 / 150 / 50 per started hour, capped at 10,000 / 3,000 / 1,000; 65%, 99%, 1%. */
    public static final Terms SIGNED = new Terms(
            Map.of(Priority.P1, new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24)),
                    Priority.P2, new ContractDeadlines(null, Duration.ofHours(24)),
                    Priority.P3, new ContractDeadlines(null, Duration.ofHours(72))),
            Map.of(Priority.P1, new PenaltyRate(50_000, 1_000_000), Priority.P2, new PenaltyRate(15_000, 300_000),
                    Priority.P3, new PenaltyRate(5_000, 100_000)),
            new BigDecimal("0.65"), new BigDecimal("0.99"), new BigDecimal("0.01"), EnumSet.allOf(PauseReason.class));

    private DijonTerms() {
    }
}
