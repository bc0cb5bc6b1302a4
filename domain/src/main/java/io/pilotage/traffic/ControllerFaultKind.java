package io.pilotage.traffic;

/**
 * What a controller reports as failing. A fault of one signal group (a lamp or its driver) is a P2 repair; the
 * others are reported to the operators and counted, and open work only through the mode they cause (dark, flashing).
 */
public enum ControllerFaultKind {
    SIGNAL_GROUP,
    DETECTOR,
    COMMUNICATION,
    CONFLICT_MONITOR,
    POWER,
    OTHER;

    /**
     * Whether the fault takes signals out for road users, so that the intersection counts as unavailable while it is
     * open (domain.md: "not dark, flashing or faulted"): a signal group out, the conflict monitor tripped, power lost.
     * A detector or a link to the control centre down leaves the signals running (on fixed time, or unwatched).
     */
    public boolean takesSignalsOut() {
        return this == SIGNAL_GROUP || this == CONFLICT_MONITOR || this == POWER;
    }
}
