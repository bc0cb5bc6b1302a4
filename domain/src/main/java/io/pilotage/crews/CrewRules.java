package io.pilotage.crews;

import io.pilotage.shared.BusinessRule;

/** The rules of the crews context. */
public final class CrewRules {

    private CrewRules() {
    }

    public record CrewMustBeOnShift() implements BusinessRule {
        public String message() {
            return "The crew is not on shift at that time.";
        }
    }

    public record CrewMustHaveTheSkill() implements BusinessRule {
        public String message() {
            return "The crew lacks the skill this intervention needs.";
        }
    }

    public record CrewMustBeFree() implements BusinessRule {
        public String message() {
            return "The crew is already on an active intervention; only a supervisor can override.";
        }
    }

    public record ShiftsNeverOverlap() implements BusinessRule {
        public String message() {
            return "The shift overlaps one already planned for this crew.";
        }
    }

    public record CrewIsRegisteredDifferently() implements BusinessRule {
        public String message() {
            return "A crew with this id is already registered with other skills or another vehicle.";
        }
    }
}
