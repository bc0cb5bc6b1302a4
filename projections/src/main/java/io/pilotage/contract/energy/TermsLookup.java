package io.pilotage.contract.energy;

import io.pilotage.contract.TermsVersion;
import java.time.Instant;
import java.util.Optional;

/** The terms in force at {@code at} as known before {@code asOf}: the contract terms' read model answers it. */
@FunctionalInterface
interface TermsLookup {

    Optional<TermsVersion> inForceAt(Instant at, Instant asOf);
}
