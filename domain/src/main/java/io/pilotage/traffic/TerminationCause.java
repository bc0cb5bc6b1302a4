package io.pilotage.traffic;

/** Why an actuated green ended, when the controller says (ATSPM high-resolution codes 4, 5 and 6). */
public enum TerminationCause {
    GAP_OUT,
    MAX_OUT,
    FORCE_OFF
}
