package io.pilotage.reports;

/**
 * How urgent the control room judges a report, in the contract's priorities (P1 danger, P2, P3). Kept in the
 * reports context's own words: an intervention opened for the report takes the priority of the same name.
 */
public enum RequestPriority {
    P1, P2, P3
}
