package io.pilotage.contract;

import java.time.Instant;

/**
 * The contract terms as the write side decides with them: the version in force at an instant, read from the
 * contract's own stream, never from a read model that may trail it. Interventions stamp the version they open
 * under and take their deadlines from it; a pause is accepted only for a reason the terms in force accept.
 */
public interface ContractTermsInForce {

    /** The version in force at {@code at}; the signed terms when {@code at} precedes every version. */
    TermsVersion at(Instant at);

    /** One version by its number. */
    TermsVersion version(int version);
}
