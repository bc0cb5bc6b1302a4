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
    /** The holders of attached faults that are no equipment: a place, a citizen's report. */
    private static final java.util.List<String> NOT_LIGHT_POINTS = java.util.List.of("place:", "report:");

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
     * Only a light point has a lamp failure to clear: an intervention opened without an asset names none, and a
     * citizen's report joined to the intervention is held by its place ({@code place:...}) or by the report
     * ({@code report:...}); those are skipped rather than parked for ever. A light point id that is not known yet is
     * parked, and retried once the point is registered.
     */
    private void clear(String lightPointId, String failureId, InterventionResolved event, CommandGateway commands) {
        if (lightPointId == null || !Identifiers.valid(lightPointId) || NOT_LIGHT_POINTS.stream().anyMatch(lightPointId::startsWith)) {
            return;
        }
        try {
            PolicyCommands.send(commands, new RecordLampRepair(new LightPointId(lightPointId), failureId, event.at()), getClass());
        } catch (RuleViolation nothingToClear) {
            // RepairNeedsAnOpenFailure or LightPointMustBeInService: the point's state already says it.
        }
    }
}
