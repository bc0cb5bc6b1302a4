package io.pilotage.interventions;

import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
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
    private static final String PLACE_PREFIX = "place:";

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

    /**
     * Only a light point has a lamp failure to clear: an attached fault held by a place (a citizen's report joined to
     * the intervention, {@code place:...}), or an intervention opened without an asset, names none, and is skipped
     * rather than parked for ever.
     */
    private void clear(String lightPointId, String failureId, InterventionResolved event, CommandGateway commands) {
        if (lightPointId == null || !Identifiers.valid(lightPointId) || lightPointId.startsWith(PLACE_PREFIX)) {
            return;
        }
        try {
            PolicyCommands.send(commands, new RecordLampRepair(new LightPointId(lightPointId), failureId, event.at()), getClass());
        } catch (RuleViolation | AggregateNotFoundException nothingToClear) {
            // RepairNeedsAnOpenFailure or LightPointMustBeInService: the point's state already says it; no such point:
            // the fault was attached under another kind of asset.
        }
    }
}
