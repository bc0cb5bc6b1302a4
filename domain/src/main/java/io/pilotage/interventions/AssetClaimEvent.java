package io.pilotage.interventions;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Which intervention holds an asset: one at a time, decided on the asset's own claim stream. */
public sealed interface AssetClaimEvent {

    String claimId();

    /** {@code replaced} names the intervention that held the asset and had ended, or null. */
    @Revision("1")
    record AssetClaimed(String claimId, String assetId, String interventionId, String replaced,
                        Instant at) implements AssetClaimEvent {
    }

    @Revision("1")
    record AssetClaimReleased(String claimId, String assetId, String interventionId, Instant at) implements AssetClaimEvent {
    }
}
