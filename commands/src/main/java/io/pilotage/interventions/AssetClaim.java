package io.pilotage.interventions;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimed;
import io.pilotage.interventions.InterventionCommands.ClaimAsset;
import io.pilotage.interventions.InterventionCommands.ReleaseAssetClaim;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The one intervention an asset (a light point, a cabinet, a signal controller) is in the hands of. The
 * uniqueness of an open intervention per asset is a rule over a set; this small stream per asset makes it a
 * decision of one aggregate, so it holds on any number of nodes and on Axon Server. A claim lapses when its
 * intervention is no longer active: the next claimant, having checked that, replaces it.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AssetClaim {

    @AggregateIdentifier
    private String claimId;
    private String assetId;
    private String heldBy;

    protected AssetClaim() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClaimAsset command) {
        if (command.interventionId().equals(heldBy)) {
            return;
        }
        if (heldBy != null && !heldBy.equals(command.replacing())) {
            throw new RuleViolation(new OneOpenInterventionPerAsset(heldBy));
        }
        apply(new AssetClaimed(command.claimId(), command.assetId(), command.interventionId(), heldBy, command.at()));
    }

    @CommandHandler
    public void handle(ReleaseAssetClaim command) {
        if (command.interventionId().equals(heldBy)) {
            apply(new AssetClaimReleased(claimId, assetId, command.interventionId(), command.at()));
        }
    }

    @EventSourcingHandler
    void on(AssetClaimed event) {
        claimId = event.claimId();
        assetId = event.assetId();
        heldBy = event.interventionId();
    }

    @EventSourcingHandler
    void on(AssetClaimReleased event) {
        heldBy = null;
    }
}
