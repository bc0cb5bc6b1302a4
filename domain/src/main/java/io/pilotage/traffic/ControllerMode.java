package io.pilotage.traffic;

/** How a signal controller is running. Flashing and dark leave the intersection without control: a P1. */
public enum ControllerMode {
    NORMAL,
    FLASHING,
    DARK,
    MANUAL;

    /** Whether the intersection is left without working signals (domain.md: "intersection dark or flashing" is P1). */
    public boolean leavesIntersectionUncontrolled() {
        return this == FLASHING || this == DARK;
    }
}
