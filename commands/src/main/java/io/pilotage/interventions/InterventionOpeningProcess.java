package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.CheckInterventionActive;
import io.pilotage.interventions.InterventionCommands.ClaimAsset;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.ReleaseAssetClaim;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Opens an intervention only if its asset has no open one, whichever path asks (the API, a policy): the asset's
 * claim decides (one stream per asset), the intervention is opened, and if the opening is refused the claim is
 * given back (on one PostgreSQL all of it is one transaction anyway; the release matters where it is not). A claim whose intervention has since ended is replaced; one whose intervention is still active answers
 * {@link OneOpenInterventionPerAsset}, naming it.
 */
@Component
public class InterventionOpeningProcess {

    @CommandHandler
    public String handle(RequestIntervention command, CommandGateway commands) {
        OpenIntervention open = command.opening();
        if (exists(open.interventionId(), commands)) {
            return open.interventionId();
        }
        String claimId = ClaimAsset.claimIdFor(open.assetId());
        try {
            commands.sendAndWait(new ClaimAsset(claimId, open.assetId(), open.interventionId(), null, open.openedAt()));
        } catch (RuleViolation taken) {
            if (!(taken.rule() instanceof OneOpenInterventionPerAsset held)
                    || commands.<Boolean>sendAndWait(new CheckInterventionActive(held.openInterventionId()))) {
                throw taken;
            }
            commands.sendAndWait(new ClaimAsset(claimId, open.assetId(), open.interventionId(), held.openInterventionId(),
                    open.openedAt()));
        }
        try {
            commands.sendAndWait(open);
        } catch (RuntimeException failed) {
            commands.sendAndWait(new ReleaseAssetClaim(claimId, open.interventionId(), open.openedAt()));
            throw failed;
        }
        return open.interventionId();
    }

    /**
     * Opening the same intervention twice (a policy's event delivered again, a parked letter retried) opens
     * nothing. Asked first because a duplicate stream would only fail when the whole unit of work commits, where
     * nothing can tell it from another failure.
     */
    private static boolean exists(String interventionId, CommandGateway commands) {
        try {
            commands.sendAndWait(new CheckInterventionActive(interventionId));
            return true;
        } catch (AggregateNotFoundException notYet) {
            return false;
        }
    }
}
