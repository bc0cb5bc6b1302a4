package io.pilotage.interventions;

import io.pilotage.crews.CrewCommands.ReleaseCrew;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** A resolved or cancelled intervention no longer holds its crew, which becomes free for the next one. */
@Component
@ProcessingGroup(WhenInterventionEndsThenReleaseCrew.PROCESSING_GROUP)
public class WhenInterventionEndsThenReleaseCrew {

    public static final String PROCESSING_GROUP = "interventions-crew-release";

    @EventHandler
    @DisallowReplay
    void on(InterventionResolved event, CommandGateway commands) {
        release(event.crewId(), event.interventionId(), event.at(), commands);
    }

    @EventHandler
    @DisallowReplay
    void on(InterventionCancelled event, CommandGateway commands) {
        release(event.crewId(), event.interventionId(), event.at(), commands);
    }

    private void release(String crewId, String interventionId, java.time.Instant at, CommandGateway commands) {
        if (crewId == null) {
            return;
        }
        PolicyCommands.send(commands, new ReleaseCrew(crewId, interventionId, at), getClass());
    }
}
