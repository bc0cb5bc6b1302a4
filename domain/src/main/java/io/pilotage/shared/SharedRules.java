package io.pilotage.shared;

/** Rules that hold across every context. */
public final class SharedRules {

    private SharedRules() {
    }

    /**
     * Light points, cabinets, crews and interventions share one id space: an id names one kind of thing. The id is
     * null when the clash was found while loading a stream, where Axon does not say which id it was.
     */
    public record IdNamesOneKindOfResource(String id) implements BusinessRule {

        public IdNamesOneKindOfResource() {
            this(null);
        }

        public String message() {
            return "This id already names another kind of resource (a light point, cabinet, crew or intervention).";
        }

        @Override
        public java.util.Map<String, Object> details() {
            return id == null ? java.util.Map.of() : java.util.Map.of("id", id);
        }
    }
}
