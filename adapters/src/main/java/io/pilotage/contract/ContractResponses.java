package io.pilotage.contract;

import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The contract API's answers. Durations are ISO-8601, amounts in euro cents, targets ratios. */
final class ContractResponses {

    private ContractResponses() {
    }

    record Amended(int version, String location) {
    }

    record PriorityTerms(String makeSafeWithin, String repairWithin, long penaltyCentsPerStartedHour, long penaltyCapCents) {
    }

    record TermsView(int version, Instant effectiveFrom, String reason, Instant recordedAt, Map<String, PriorityTerms> priorities,
                     BigDecimal energySavingTarget, BigDecimal lightingAvailabilityTarget, BigDecimal failureRateCeiling,
                     List<String> clockStoppingReasons) {

        static TermsView of(TermsVersion version) {
            Terms terms = version.terms();
            Map<String, PriorityTerms> priorities = new TreeMap<>();
            for (Priority priority : Priority.values()) {
                ContractDeadlines deadlines = terms.deadlinesFor(priority);
                PenaltyRate rate = terms.penaltyFor(priority);
                priorities.put(priority.name(), new PriorityTerms(text(deadlines.makeSafeWithin()), text(deadlines.repairWithin()),
                        rate.centsPerStartedHour(), rate.capCents()));
            }
            return new TermsView(version.version(), version.effectiveFrom(), version.reason(), version.recordedAt(), priorities,
                    terms.energySavingTarget(), terms.lightingAvailabilityTarget(), terms.failureRateCeiling(),
                    terms.clockStoppingReasons().stream().map(Enum::name).sorted().toList());
        }

        private static String text(Duration duration) {
            return duration == null ? null : duration.toString();
        }
    }

    record History(List<TermsView> versions) {
    }
}
