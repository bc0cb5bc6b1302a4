package io.pilotage.shared.web;

/**
 * The roles a caller can hold, as users and tokens name them. What each may do is written once, in
 * {@link Permission}.
 */
public enum Role {
    OPERATOR,
    SUPERVISOR,
    CONTRACT_MANAGER,
    AUDITOR,
    DPO,
    /** A traffic or lighting controller, or the gateway that speaks for several, posting its telemetry. */
    DEVICE,
    ADMIN;

    /** The authority Spring Security grants for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
