package io.pilotage.lighting;

import io.pilotage.shared.BusinessRule;
import java.util.Map;

/** The rules of the lighting context, each a named type with a fixed message. */
public final class LightingRules {

    private LightingRules() {
    }

    public record LightPointMustBeInService() implements BusinessRule {
        public String message() {
            return "The light point is decommissioned: it accepts no failure report, repair or dimming program.";
        }
    }

    public record LightPointRegistrationIsFinal() implements BusinessRule {
        public String message() {
            return "The light point is already registered with other attributes; registration cannot change them.";
        }
    }

    public record RepairNeedsAnOpenFailure() implements BusinessRule {
        public String message() {
            return "The light point has no open failure to repair.";
        }
    }

    public record RepairCannotPrecedeFailure() implements BusinessRule {
        public String message() {
            return "A repair cannot be dated before the failure it repairs was observed.";
        }
    }

    public record EnergyReadingsMustMoveForward() implements BusinessRule {
        public String message() {
            return "The reading ends before the cabinet's last recorded reading: meter readings cannot go backwards.";
        }
    }

    public record EnergyReadingsMustNotOverlap() implements BusinessRule {
        public String message() {
            return "The reading's interval overlaps the cabinet's last recorded reading.";
        }
    }

    /**
     * A correction names the reading it replaces by its start. The cabinet remembers the readings of the
     * {@code correctableDays} days before its latest one: older readings are settled.
     */
    public record CorrectionNeedsARecordedReading(String intervalStart, long correctableDays) implements BusinessRule {
        public String message() {
            return "The cabinet has no reading starting at this instant that can still be corrected.";
        }

        public Map<String, Object> details() {
            return Map.of("intervalStart", intervalStart, "correctableDays", correctableDays);
        }
    }

    public record ImportMustBeRunning() implements BusinessRule {
        public String message() {
            return "The inventory import is not running.";
        }
    }
}
