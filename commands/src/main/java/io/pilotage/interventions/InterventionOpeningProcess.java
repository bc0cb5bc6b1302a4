package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.CheckInterventionActive;
import io.pilotage.interventions.InterventionCommands.ClaimAsset;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.PrepareReopening;
import io.pilotage.interventions.InterventionCommands.ReleaseAssetClaim;
import io.pilotage.interventions.InterventionCommands.ReopenIntervention;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionCommands.RequestReopening;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.shared.EventStreams;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Opens an intervention only if its asset (or, for work on a place, its place) has no open one, whichever path asks (the API, a policy): the asset's
 * claim decides (one stream per asset), the intervention is opened, and if the opening is refused the claim is
 * given back (on one PostgreSQL all of it is one transaction anyway; the release matters where it is not).
 * Reopening a resolved intervention takes its asset again the same way. A claim whose intervention has since
 * ended is replaced; one whose intervention is still active answers {@link OneOpenInterventionPerAsset}, naming it.
 */
@Component
public class InterventionOpeningProcess {

    /**
     * Opening the same intervention twice (a policy's event delivered again, a parked letter retried) opens nothing.
     * Asked first, of the event store rather than by loading the aggregate (which logs a warning with its stack trace
     * for every intervention that does not exist yet), because a duplicate stream would only fail when the whole unit
     * of work commits, where nothing can tell it from another failure.
     */
    @CommandHandler
    public String handle(RequestIntervention command, CommandGateway commands, EventStreams streams) {
        OpenIntervention open = command.opening();
        if (!streams.existing(List.of(open.interventionId())).isEmpty()) {
            return open.interventionId();
        }
        withClaim(open.claimKey(), open.interventionId(), open.openedAt(), commands, () -> commands.sendAndWait(open));
        return open.interventionId();
    }

    /** A resolved intervention reopens only if its asset is free again, or still its own. */
    @CommandHandler
    public void handle(RequestReopening command, CommandGateway commands) {
        String assetId = commands.sendAndWait(new PrepareReopening(command.interventionId()));
        withClaim(assetId, command.interventionId(), command.at(), commands, () -> commands.sendAndWait(
                new ReopenIntervention(command.interventionId(), command.reason(), command.at())));
    }

    /**
     * Takes the asset for the intervention (replacing a holder that has ended), then does the step; if the step
     * is refused, gives the asset back.
     */
    private static void withClaim(String assetId, String interventionId, Instant at, CommandGateway commands, Runnable step) {
        String claimId = ClaimAsset.claimIdFor(assetId);
        try {
            commands.sendAndWait(new ClaimAsset(claimId, assetId, interventionId, null, at));
        } catch (RuleViolation taken) {
            if (!(taken.rule() instanceof OneOpenInterventionPerAsset held)
                    || commands.<Boolean>sendAndWait(new CheckInterventionActive(held.openInterventionId()))) {
                throw taken;
            }
            commands.sendAndWait(new ClaimAsset(claimId, assetId, interventionId, held.openInterventionId(), at));
        }
        try {
            step.run();
        } catch (RuntimeException refused) {
            commands.sendAndWait(new ReleaseAssetClaim(claimId, interventionId, at));
            throw refused;
        }
    }
}
