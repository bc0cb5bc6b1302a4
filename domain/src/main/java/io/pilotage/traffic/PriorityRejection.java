package io.pilotage.traffic;

/** Why a controller refused a bus its priority: the reasons controllers of the metropole report. */
public enum PriorityRejection {
    /** Another priority request (or an emergency pre-emption) was being served. */
    CONFLICTING_REQUEST,
    /** The approach was served for priority too recently (a controller's inhibit time). */
    RECENTLY_SERVED,
    /** The bus was not late enough for the line's rule. */
    NOT_LATE,
    /** A pedestrian phase could not be cut short. */
    PEDESTRIAN_PHASE,
    /** The controller was not in normal mode (flashing, dark, manual). */
    CONTROLLER_NOT_NORMAL,
    /** The request came too late in the cycle to change it. */
    TOO_LATE_IN_CYCLE,
    /** Any other reason the controller gives. */
    OTHER
}
