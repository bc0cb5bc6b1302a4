package io.pilotage.shared;

/** Rules that hold across every context. */
public final class SharedRules {

    private SharedRules() {
    }

    /** Light points, cabinets, crews and interventions share one id space: an id names one kind of thing. */
    public record IdNamesOneKindOfResource() implements BusinessRule {
        public String message() {
            return "This id already names another kind of resource (a light point, cabinet, crew or intervention).";
        }
    }
}
