package io.pilotage.contract;

/** The non-routine adjustments IPMVP allows to a baseline: what changed that the operator's savings did not cause. */
public enum AdjustmentKind {
    /** Light points added behind the cabinet: their legacy-equivalent power is added to the baseline. */
    POINTS_ADDED,
    /** Light points removed: their legacy power is taken off the baseline. */
    POINTS_REMOVED,
    /** The agreed burning hours changed (a new switching schedule decided by the metropole). */
    BURNING_HOURS_CHANGED
}
