package io.pilotage.reports;

import io.pilotage.shared.BusinessRule;
import java.util.Map;

/** The rules of the reports context. Messages never carry personal data. */
public final class ReportRules {

    private ReportRules() {
    }

    public record ServiceRequestMustBeOpen() implements BusinessRule {
        public String message() {
            return "The service request is closed.";
        }
    }

    /** The same id already names a request with other content: a retry must send the same report. */
    public record ServiceRequestIsReportedOnce() implements BusinessRule {
        public String message() {
            return "A service request with this id was already reported.";
        }
    }

    public record DuplicateOfAnotherRequest(String originalId) implements BusinessRule {
        public String message() {
            return "A request is a duplicate of another known request, never of itself or of an unknown one.";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("originalId", originalId);
        }
    }

    /** A "street light out" naming a light point must name one of the inventory. */
    public record ReportedLightPointMustExist(String assetId) implements BusinessRule {
        public String message() {
            return "The light point the report names is not in the inventory.";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("assetId", assetId);
        }
    }

    public record ReporterIsErased() implements BusinessRule {
        public String message() {
            return "This reporter's personal data was erased; nothing more can be recorded for them.";
        }
    }
}
