package io.pilotage.interventions;

import io.pilotage.shared.InvalidValue;
import java.time.Duration;

/**
 * The time allowed for each step under the contract terms in force when an intervention opened:
 * stamped on the opening event so that a later amendment never changes what was due.
 * {@code makeSafeWithin} is null when the priority has no make-safe step.
 */
public record ContractDeadlines(Duration makeSafeWithin, Duration repairWithin) {

    public ContractDeadlines {
        InvalidValue.requireNonNull(repairWithin, "repairWithin");
        InvalidValue.require(!repairWithin.isNegative() && !repairWithin.isZero(), "repairWithin", "must be positive");
        InvalidValue.require(makeSafeWithin == null || !makeSafeWithin.isNegative() && !makeSafeWithin.isZero(),
                "makeSafeWithin", "must be positive");
    }

    public Duration within(DeadlineKind kind) {
        return kind == DeadlineKind.MAKE_SAFE ? makeSafeWithin : repairWithin;
    }
}
