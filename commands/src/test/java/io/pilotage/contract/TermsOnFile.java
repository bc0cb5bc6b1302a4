package io.pilotage.contract;

import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Terms versions given by a test, for the aggregates that decide with the terms in force. */
public record TermsOnFile(List<TermsVersion> versions) implements ContractTermsInForce {

    /** Dijon's defaults. */
    public static final Terms DIJON = new Terms(
            Map.of(Priority.P1, new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24)),
                    Priority.P2, new ContractDeadlines(null, Duration.ofHours(24)),
                    Priority.P3, new ContractDeadlines(null, Duration.ofHours(72))),
            Map.of(Priority.P1, new PenaltyRate(50_000, 1_000_000), Priority.P2, new PenaltyRate(15_000, 300_000),
                    Priority.P3, new PenaltyRate(5_000, 100_000)),
            new BigDecimal("0.65"), new BigDecimal("0.99"), new BigDecimal("0.01"), EnumSet.allOf(PauseReason.class));

    public static final Instant SIGNED = Instant.parse("2020-01-01T00:00:00Z");

    public static TermsOnFile signed() {
        return new TermsOnFile(List.of(new TermsVersion(1, SIGNED, DIJON, "Signed", SIGNED)));
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
