package io.pilotage.contract;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Everything that can happen to the performance contract: it is signed once, then amended. */
public sealed interface ContractEvent {

    String contractId();

    /** The terms as signed: version 1. */
    @Revision("1")
    record ContractSigned(String contractId, Terms terms, Instant effectiveFrom, Instant at) implements ContractEvent {
    }

    /** A dated amendment: {@code terms} are the whole terms of the new version, as decided. */
    @Revision("1")
    record ContractAmended(String contractId, int version, Instant effectiveFrom, Terms terms, String reason,
                           Instant at) implements ContractEvent {
    }
}
