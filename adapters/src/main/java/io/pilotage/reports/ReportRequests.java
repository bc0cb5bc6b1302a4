package io.pilotage.reports;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.interventions.Priority;
import io.pilotage.shared.web.OneOf;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Bodies of the phone-intake API. Codes and statuses stay text so that an unknown one is answered with a 422 naming
 * the field. {@code toString} of a call never shows the caller's details.
 */
final class ReportRequests {

    private ReportRequests() {
    }

    record TakeCallRequest(@Schema(requiredMode = REQUIRED, example = "street-light-out") String serviceCode,
                           @Schema(description = "WGS84; a position or an address is required", example = "47.3220") Double latitude,
                           @Schema(example = "5.0415") Double longitude,
                           @Schema(example = "12 rue de la Liberté") String address,
                           @Schema(description = "The commune; taken from the nearest light point when absent", example = "Dijon") String commune,
                           @Schema(description = "The equipment, when the caller reads its number (a light point id)", example = "LP-DIJ-000123")
                           String assetId,
                           @Schema(description = "The caller's reporter id from an earlier report, so one erasure covers both")
                           String reporterId,
                           @Schema(description = "phone (default), web or app", example = "phone") String channel,
                           String firstName, String lastName, String email, String phone,
                           @Schema(description = "What the caller says, in their words (personal data: sealed)") String description,
                           @Schema(example = "https://photos.example/abc.jpg") String mediaUrl) {
        @Override
        public String toString() {
            return "TakeCallRequest[" + serviceCode + "]";
        }
    }

    record QualifyRequest(@Schema(requiredMode = REQUIRED, example = "pothole") String serviceCode,
                          @Schema(requiredMode = REQUIRED, example = "P3") @OneOf(Priority.class) String priority) {
    }

    record DuplicateRequest(@Schema(requiredMode = REQUIRED, example = "SR-3F2A9C1B7D4E") String originalId) {
    }

    record AssetRequest(@Schema(requiredMode = REQUIRED, example = "LP-DIJ-000123") String assetId) {
    }

    record InterventionRequest(@Schema(requiredMode = REQUIRED, example = "INT-CIT-SR-3F2A9C1B7D4E") String interventionId) {
    }

    record UpdateRequest(@Schema(requiredMode = REQUIRED, example = "action_scheduled") String status,
                         @Schema(requiredMode = REQUIRED, description = "Public: the reporter and everyone read it",
                                 example = "A crew is scheduled for tomorrow morning.") String note) {
    }

    record CloseRequest(@Schema(requiredMode = REQUIRED, example = "fixed",
                                description = "fixed, not_councils_responsibility, no_further_action, internal_referral or closed")
                        String resolution,
                        @Schema(requiredMode = REQUIRED, example = "The pothole was filled.") String note) {
    }

    /** What the caller is told: the id to follow the request with (Open311 GET requests/{id}) and their reporter id. */
    record Taken(String serviceRequestId, String reporterId) {
    }

    /** The request changed, or was already as asked; read it back for its state. */
    record Changed(String serviceRequestId) {
    }
}
