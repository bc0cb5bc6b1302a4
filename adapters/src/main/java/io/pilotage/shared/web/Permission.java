package io.pilotage.shared.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may do what: the one table that endpoints are guarded with (through {@link Allowed}) and that
 * events record the role from. Each permission lists its roles from the least to the most privileged,
 * so that a caller holding several is recorded under the least privileged role that suffices, the
 * same one every time, and an auditor reads the capacity in which the person acted.
 */
public enum Permission {

    /** Reading operations: everyone but the DPO, who has no business with them. */
    READ(Role.AUDITOR, Role.CONTRACT_MANAGER, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN),
    /** Dispatching and recording field work. */
    DISPATCH(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN),
    /** Changing the inventory, overriding assignments, pausing contractual clocks. */
    SUPERVISE(Role.SUPERVISOR, Role.ADMIN),
    /** Reading the contract: its terms, baselines and KPIs. Both sides' contract managers, and auditors. */
    CONTRACT(Role.AUDITOR, Role.CONTRACT_MANAGER, Role.ADMIN),
    /** Recording what the parties agreed: amendments to the terms, energy baselines and their adjustments. */
    AMEND_CONTRACT(Role.CONTRACT_MANAGER, Role.ADMIN),
    /** Examining the history itself: its integrity, how each figure was made. */
    AUDIT(Role.AUDITOR, Role.ADMIN),
    /** Erasing a citizen's personal data on request: the data protection officer's own power. */
    ERASE_PERSONAL_DATA(Role.DPO, Role.ADMIN),
    /** Posting telemetry: controllers and meters (through their gateway), and nobody else but the administrator. */
    INGEST(Role.DEVICE, Role.ADMIN),
    /** Operating the application itself: metrics, technical endpoints. */
    ADMINISTER(Role.ADMIN);

    private final List<Role> roles;

    Permission(Role... roles) {
        this.roles = List.of(roles);
    }

    /** The roles holding this permission, least privileged first. */
    public List<Role> roles() {
        return roles;
    }

    /** The role under which the caller is allowed this, if any: the first of {@link #roles()} it holds. */
    public Optional<Role> authorisingRole(Authentication caller) {
        if (caller == null) {
            return Optional.empty();
        }
        Set<String> held = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return roles.stream().filter(role -> held.contains(role.authority())).findFirst();
    }

    /** Called by the {@link Allowed} guard: the same lookup that names the recorded role decides access. */
    public boolean isGrantedTo(Authentication caller) {
        return caller != null && caller.isAuthenticated() && authorisingRole(caller).isPresent();
    }
}
