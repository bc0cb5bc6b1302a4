package io.pilotage.contract;

import java.time.Instant;
import java.util.List;

/** What contract managers and auditors ask about the terms. */
public final class ContractQueries {

    private ContractQueries() {
    }

    /**
     * The terms in force at {@code at}, as known from the amendments recorded before {@code asOf} (all of them when
     * null). Empty before the contract was signed.
     */
    public record FindTermsInForce(Instant at, Instant asOf) {
    }

    /** Every version recorded before {@code asOf} (all when null), oldest first. */
    public record ListTermsVersions(Instant asOf) {
    }

    public record TermsHistory(List<TermsVersion> versions) {
    }
}
