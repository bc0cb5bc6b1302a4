package io.pilotage.traffic;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;

/** A timing plan the controller may run: its id and its cycle length. */
public record TimingPlan(String id, int cycleSeconds) {

    public TimingPlan {
        Identifiers.require(id, "timingPlans.id");
        InvalidValue.require(cycleSeconds >= 20 && cycleSeconds <= 300, "timingPlans.cycleSeconds", "must be from 20 to 300 seconds");
    }
}
