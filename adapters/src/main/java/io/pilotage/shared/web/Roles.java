package io.pilotage.shared.web;

/** Who may call what, as the expressions endpoints put in {@code @PreAuthorize}. */
public final class Roles {

    /** Everyone who reads operations: not the DPO, who has no business with them. */
    public static final String READERS = "hasAnyRole('OPERATOR','SUPERVISOR','CONTRACT_MANAGER','AUDITOR','ADMIN')";
    /** Those who dispatch and record field work. */
    public static final String DISPATCHERS = "hasAnyRole('OPERATOR','SUPERVISOR','ADMIN')";
    /** Those who change the inventory, override assignments and pause contractual clocks. */
    public static final String SUPERVISORS = "hasAnyRole('SUPERVISOR','ADMIN')";

    /** Those who run the platform itself: dead letters, metrics. */
    public static final String ADMINS = "hasRole('ADMIN')";

    private Roles() {
    }
}
