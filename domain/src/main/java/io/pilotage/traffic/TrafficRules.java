package io.pilotage.traffic;

import io.pilotage.shared.BusinessRule;
import java.util.Map;

/** The rules of the traffic context, each a named type with a fixed message. */
public final class TrafficRules {

    private TrafficRules() {
    }

    public record IntersectionRegistrationIsFinal() implements BusinessRule {
        public String message() {
            return "The intersection is already registered with other signal groups, conflicts or plans; registration cannot change them.";
        }
    }

    public record SignalGroupMustBeKnown(int signalGroup) implements BusinessRule {
        public String message() {
            return "The report names a signal group the intersection was not registered with.";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("signalGroup", signalGroup);
        }
    }

    public record TimingPlanMustBeKnown(String planId) implements BusinessRule {
        public String message() {
            return "The report names a timing plan the intersection was not registered with.";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("planId", planId);
        }
    }

    public record PriorityRequestIsFinal() implements BusinessRule {
        public String message() {
            return "The priority request is already recorded with another bus, line, intersection, approach or time; a request cannot change.";
        }
    }
}
