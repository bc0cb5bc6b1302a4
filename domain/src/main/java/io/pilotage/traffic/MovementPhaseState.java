package io.pilotage.traffic;

/**
 * What a signal group shows, in SAE J2735's MovementPhaseState vocabulary (SPaT). The names are J2735's; the
 * European aspects they stand for are in {@code docs/traffic.md}.
 */
public enum MovementPhaseState {
    UNAVAILABLE,
    DARK,
    STOP_THEN_PROCEED,
    STOP_AND_REMAIN,
    PRE_MOVEMENT,
    PERMISSIVE_MOVEMENT_ALLOWED,
    PROTECTED_MOVEMENT_ALLOWED,
    PERMISSIVE_CLEARANCE,
    PROTECTED_CLEARANCE,
    CAUTION_CONFLICTING_TRAFFIC;

    /** Green: traffic may enter. Two conflicting groups in such a state at once is the conflict a monitor guards. */
    public boolean allowsMovement() {
        return this == PERMISSIVE_MOVEMENT_ALLOWED || this == PROTECTED_MOVEMENT_ALLOWED;
    }
}
