package io.pilotage.interventions;

import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Resolving an intervention opened for a lamp failure clears that failure on the light point, and every failure
 * attached to it since (the points a cabinet's supply loss darkened, a second fault on the same point). A cancelled
 * intervention sends nothing, so its failure stays open. A failure already repaired, or a point since
 * decommissioned, leaves nothing to clear.
 */
@Component
@ProcessingGroup(WhenInterventionResolvedThenClearLampFailure.PROCESSING_GROUP)
public class WhenInterventionResolvedThenClearLampFailure {

    public static final String PROCESSING_GROUP = "interventions-lamp-repairs";

    @EventHandler
    @DisallowReplay
    void on(InterventionResolved event, CommandGateway commands) {
        if (event.source() != InterventionSource.LAMP_FAILURE) {
            return;
        }
        if (event.sourceRef() != null) {
            clear(event.assetId(), event.sourceRef(), event, commands);
        }
        for (AttachedFault fault : event.attachedFaults()) {
            clear(fault.assetId(), fault.faultRef(), event, commands);
        }
    }

    private void clear(String lightPointId, String failureId, InterventionResolved event, CommandGateway commands) {
        try {
            PolicyCommands.send(commands, new RecordLampRepair(new LightPointId(lightPointId), failureId, event.at()), getClass());
        } catch (RuleViolation nothingToClear) {
            // RepairNeedsAnOpenFailure or LightPointMustBeInService: the point's state already says it.
        }
    }
}
