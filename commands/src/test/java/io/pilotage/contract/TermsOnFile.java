package io.pilotage.contract;

import java.time.Instant;
import java.util.List;

/** Terms versions given by a test, for the aggregates that decide with the terms in force. */
public record TermsOnFile(List<TermsVersion> versions) implements ContractTermsInForce {

    public static final Instant SIGNED = Instant.parse("2020-01-01T00:00:00Z");

    public static TermsOnFile signed() {
        return new TermsOnFile(List.of(new TermsVersion(1, SIGNED, Terms.REFERENCE, "Signed", SIGNED)));
    }

    public TermsOnFile amended(Instant effectiveFrom, TermsChange change) {
        TermsVersion last = versions.get(versions.size() - 1);
        List<TermsVersion> all = new java.util.ArrayList<>(versions);
        all.add(new TermsVersion(last.version() + 1, effectiveFrom, last.terms().amendedBy(change), "amended", effectiveFrom));
        return new TermsOnFile(List.copyOf(all));
    }

    @Override
    public TermsVersion at(Instant at) {
        return TermsVersion.inForceAt(versions, at).orElse(versions.get(0));
    }

    @Override
    public TermsVersion version(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow();
    }
}
