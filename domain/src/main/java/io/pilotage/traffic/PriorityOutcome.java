package io.pilotage.traffic;

/** Where a priority request stands: waiting for its answer, or how it was answered. */
public enum PriorityOutcome {
    PENDING, GRANTED, REJECTED, TIMED_OUT
}
