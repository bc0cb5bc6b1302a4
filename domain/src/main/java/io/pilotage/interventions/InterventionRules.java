package io.pilotage.interventions;

import io.pilotage.shared.BusinessRule;

/** The rules of the interventions context. */
public final class InterventionRules {

    private InterventionRules() {
    }

    public record InterventionMustBeActive() implements BusinessRule {
        public String message() {
            return "The intervention is resolved, closed or cancelled.";
        }
    }

    public record CrewMustBeAssigned() implements BusinessRule {
        public String message() {
            return "No crew is assigned to the intervention.";
        }
    }

    public record StepsFollowTheLifecycle() implements BusinessRule {
        public String message() {
            return "This step cannot come at this point of the intervention's lifecycle.";
        }
    }

    public record OnlyP1IsMadeSafe() implements BusinessRule {
        public String message() {
            return "Only a P1 intervention has a make-safe step.";
        }
    }

    public record PausesNeverOverlap() implements BusinessRule {
        public String message() {
            return "The clock is already paused.";
        }
    }

    public record ClockMustBePaused() implements BusinessRule {
        public String message() {
            return "The clock is not paused.";
        }
    }

    public record OnlyResolvedIsClosedOrReopened() implements BusinessRule {
        public String message() {
            return "Only a resolved intervention can be verified and closed, or reopened.";
        }
    }

    /** One open intervention per asset: a second fault on it joins the one already open. */
    public record OneOpenInterventionPerAsset(String openInterventionId) implements BusinessRule {
        public String message() {
            return "An intervention is already open for this asset; attach the fault to it instead.";
        }

        @Override
        public java.util.Map<String, Object> details() {
            return java.util.Map.of("openInterventionId", openInterventionId);
        }
    }

    public record StepMustHaveHappened() implements BusinessRule {
        public String message() {
            return "This step has not happened yet: there is no recorded time to correct.";
        }
    }

    /** Opening, arrival, making safe and resolution happen in that order, corrected or not. */
    public record CorrectedTimesKeepTheirOrder() implements BusinessRule {
        public String message() {
            return "The corrected time would put this step before the one it follows or after the one that follows it.";
        }
    }
}
