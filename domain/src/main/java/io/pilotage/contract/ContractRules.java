package io.pilotage.contract;

import io.pilotage.shared.BusinessRule;
import java.time.Instant;
import java.util.Map;

/** The rules of the contract context. */
public final class ContractRules {

    private ContractRules() {
    }

    /** Versions follow one another: an amendment takes effect after the version it amends. */
    public record AmendmentsTakeEffectInOrder(Instant currentEffectiveFrom) implements BusinessRule {
        public String message() {
            return "An amendment must take effect after the current version of the terms.";
        }

        public Map<String, Object> details() {
            return Map.of("currentEffectiveFrom", currentEffectiveFrom.toString());
        }
    }

    /**
     * The history of the terms is not rewritten: an amendment takes effect from the day before it is recorded at the
     * earliest (an amendment signed today may take effect this morning), never further back.
     */
    public record AmendmentsAreNotRetroactive(Instant earliest) implements BusinessRule {
        public String message() {
            return "An amendment cannot take effect more than a day before it is recorded.";
        }

        public Map<String, Object> details() {
            return Map.of("earliestEffectiveFrom", earliest.toString());
        }
    }

    public record AmendmentMustChangeTheTerms() implements BusinessRule {
        public String message() {
            return "The amendment leaves the terms as they are.";
        }
    }

    public record ContractIsSignedOnce() implements BusinessRule {
        public String message() {
            return "The contract is already signed; change it by amendment.";
        }
    }

    /** Only the reasons the terms in force list stop an intervention's clock. */
    public record PauseReasonMustStopTheClock(int termsVersion) implements BusinessRule {
        public String message() {
            return "The contract terms in force do not accept this reason for stopping the clock.";
        }

        public Map<String, Object> details() {
            return Map.of("termsVersion", termsVersion);
        }
    }
}
