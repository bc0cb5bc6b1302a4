package io.pilotage.contract;

import io.pilotage.shared.BusinessRule;
import java.util.Map;

/** The rules of energy baselines and their adjustments. */
public final class EnergyRules {

    private EnergyRules() {
    }

    /** A baseline is agreed for a cabinet the system knows: one whose stream exists (a light point named it). */
    public record BaselineNeedsAKnownCabinet(String cabinetId) implements BusinessRule {
        public String message() {
            return "No cabinet with this id is known: a baseline is agreed for a registered cabinet.";
        }

        public Map<String, Object> details() {
            return Map.of("cabinetId", cabinetId);
        }
    }

    /** A re-agreed baseline restates the baseline from its month on; it cannot rewrite months before the current version. */
    public record BaselineVersionsTakeEffectInOrder(String currentEffectiveFrom) implements BusinessRule {
        public String message() {
            return "A new baseline version must take effect no earlier than the current version.";
        }

        public Map<String, Object> details() {
            return Map.of("currentEffectiveFrom", currentEffectiveFrom);
        }
    }

    public record AdjustmentNeedsABaselineInForce() implements BusinessRule {
        public String message() {
            return "No baseline is in force at the adjustment's month: agree a baseline first.";
        }
    }

    /** Removing more power than the baseline holds would give a negative baseline: a typing error, not a fact. */
    public record AdjustedBaselineCannotBeNegative(String month) implements BusinessRule {
        public String message() {
            return "The adjustment would make the baseline negative.";
        }

        public Map<String, Object> details() {
            return Map.of("month", month);
        }
    }
}
