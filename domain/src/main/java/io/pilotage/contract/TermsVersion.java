package io.pilotage.contract;

import io.pilotage.shared.InvalidValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One version of the contract terms: in force from {@code effectiveFrom} until the next version's, as agreed
 * with {@code reason} and recorded at {@code recordedAt}. Version 1 is the contract as signed.
 */
public record TermsVersion(int version, Instant effectiveFrom, Terms terms, String reason, Instant recordedAt) {

    public TermsVersion {
        InvalidValue.require(version >= 1, "version", "must be 1 or more");
        InvalidValue.requireNonNull(effectiveFrom, "effectiveFrom");
        InvalidValue.requireNonNull(terms, "terms");
    }

    /**
     * The version in force at {@code at} among {@code versions}: the one with the latest effective date not after
     * it. Empty before the contract's first version takes effect.
     */
    public static Optional<TermsVersion> inForceAt(List<TermsVersion> versions, Instant at) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(at))
                .max(Comparator.comparing(TermsVersion::effectiveFrom).thenComparingInt(TermsVersion::version));
    }
}
