package io.pilotage.interventions;

import io.pilotage.interventions.AssetClaimEvent.AssetClaimReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimed;
import io.pilotage.interventions.InterventionCommands.ClaimAsset;
import io.pilotage.interventions.InterventionCommands.ReleaseAssetClaim;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssetClaimTest {

    static final Instant T0 = Instant.parse("2026-11-02T20:00:00Z");
    static final String CLAIM = ClaimAsset.claimIdFor("CAB-DIJ-001");
    static final AssetClaimed CLAIMED = new AssetClaimed(CLAIM, "CAB-DIJ-001", "INT-1", null, T0);

    private AggregateTestFixture<AssetClaim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AssetClaim.class);
    }

    @Test
    void givenNothing_whenClaimed_thenClaimed() {
        fixture.givenNoPriorActivity()
                .when(new ClaimAsset(CLAIM, "CAB-DIJ-001", "INT-1", null, T0))
                .expectEvents(CLAIMED);
    }

    @Test
    void givenAClaim_whenAnotherInterventionClaims_thenOneOpenInterventionPerAsset_namingTheHolder() {
        fixture.given(CLAIMED)
                .when(new ClaimAsset(CLAIM, "CAB-DIJ-001", "INT-2", null, T0.plusSeconds(60)))
                .expectExceptionMessage(new RuleViolation(new OneOpenInterventionPerAsset("INT-1")).getMessage())
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void givenAClaim_whenTheSameInterventionClaimsAgain_thenNothingChanges() {
        fixture.given(CLAIMED)
                .when(new ClaimAsset(CLAIM, "CAB-DIJ-001", "INT-1", null, T0.plusSeconds(60)))
                .expectNoEvents();
    }

    /** Replacing names the holder the claimant found ended: if another took the asset meanwhile, it is refused. */
    @Test
    void givenAClaim_whenReplacingItsHolder_thenClaimed_butReplacingAnotherIsRefused() {
        fixture.given(CLAIMED)
                .when(new ClaimAsset(CLAIM, "CAB-DIJ-001", "INT-2", "INT-1", T0.plusSeconds(60)))
                .expectEvents(new AssetClaimed(CLAIM, "CAB-DIJ-001", "INT-2", "INT-1", T0.plusSeconds(60)));
        new AggregateTestFixture<>(AssetClaim.class).given(CLAIMED)
                .when(new ClaimAsset(CLAIM, "CAB-DIJ-001", "INT-2", "INT-0", T0.plusSeconds(60)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void givenAClaim_whenReleasedByItsHolder_thenReleased_andByAnotherNothingChanges() {
        fixture.given(CLAIMED)
                .when(new ReleaseAssetClaim(CLAIM, "INT-1", T0.plusSeconds(60)))
                .expectEvents(new AssetClaimReleased(CLAIM, "CAB-DIJ-001", "INT-1", T0.plusSeconds(60)));
        new AggregateTestFixture<>(AssetClaim.class).given(CLAIMED)
                .when(new ReleaseAssetClaim(CLAIM, "INT-9", T0.plusSeconds(60)))
                .expectNoEvents();
    }
}
