package io.pilotage.contract;

import io.pilotage.shared.InvalidValue;

/**
 * What a late step costs: an amount per started hour beyond its deadline, capped per step of one intervention.
 * In euro cents, so that penalties add up exactly.
 */
public record PenaltyRate(long centsPerStartedHour, long capCents) {

    public PenaltyRate {
        InvalidValue.require(centsPerStartedHour >= 0, "centsPerStartedHour", "must not be negative");
        InvalidValue.require(capCents >= 0, "capCents", "must not be negative");
    }

    /** The penalty for a step this late: every started hour counts, up to the cap. */
    public long penaltyCents(java.time.Duration late) {
        if (late.isNegative() || late.isZero()) {
            return 0;
        }
        long startedHours = (late.toSeconds() + 3599) / 3600;
        return Math.min(capCents, Math.multiplyExact(startedHours, centsPerStartedHour));
    }
}
