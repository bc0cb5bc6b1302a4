package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.shared.PolicyCommands;
import io.pilotage.shared.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** How the interventions context's policies turn a fault into work (lamp failures, traffic alarms). */
public final class CoveringInterventions {

    private CoveringInterventions() {
    }

    /**
     * Requests the intervention {@code open} describes and answers the id of the intervention that covers the fault:
     * the new one, or the open intervention that already holds its asset or place (the policy then attaches the fault
     * to it). Any other refusal is the policy's to handle.
     */
    public static String openOrFindCovering(CommandGateway commands, OpenIntervention open, Class<?> policy) {
        try {
            return PolicyCommands.send(commands, new RequestIntervention(open), policy);
        } catch (RuleViolation taken) {
            if (taken.rule() instanceof OneOpenInterventionPerAsset held) {
                return held.openInterventionId();
            }
            throw taken;
        }
    }
}
