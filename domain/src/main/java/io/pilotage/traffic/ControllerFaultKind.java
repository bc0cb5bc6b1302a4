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
    OTHER
}
