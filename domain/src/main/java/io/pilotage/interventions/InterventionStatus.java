package io.pilotage.interventions;

/** Where an intervention stands in its lifecycle. */
public enum InterventionStatus {
    OPEN, ASSIGNED, EN_ROUTE, ON_SITE, MADE_SAFE, RESOLVED, CLOSED, CANCELLED;

    /** Active interventions hold their crew and their clock runs. */
    public boolean active() {
        return this != RESOLVED && this != CLOSED && this != CANCELLED;
    }
}
