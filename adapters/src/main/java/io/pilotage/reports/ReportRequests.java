package io.pilotage.reports;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.web.OneOf;
import io.pilotage.shared.Commune;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Bodies of the phone-intake API. Codes and statuses stay text so that an unknown one is answered with a 422 naming
 * the field. {@code toString} of a call never shows the caller's details.
 */
final class ReportRequests {

    private ReportRequests() {
    }

    @Schema(name = "TakeCallRequest", example = """
            {"serviceCode":"street-light-out","address":"12 rue de la Liberté","commune":"Dijon","firstName":"Zoé",
             "lastName":"Marchal","phone":"+33 6 12 34 56 78","description":"The light in front of number 12 is out."}""")
    record TakeCallRequest(@Schema(requiredMode = REQUIRED, example = "street-light-out") @OneOf(ServiceCode.class) String serviceCode,
                           @Schema(description = "WGS84, with longitude; a position or an address is required", example = "47.3220") Double latitude,
                           @Schema(description = "WGS84, with latitude", example = "5.0415") Double longitude,
                           @Schema(example = "12 rue de la Liberté") String address,
                           @Schema(description = "The commune; taken from the nearest light point when absent", example = "Dijon")
                           @OneOf(Commune.class) String commune,
                           @Schema(description = "The equipment, when the caller reads its number (a light point id)", example = "LP-DIJ-000123")
                           String assetId,
                           @Schema(description = "The caller's reporter id from an earlier report, so that one erasure covers both",
                                   example = "RPT-9C1B7D4E3F2A") String reporterId,
                           @Schema(description = "Personal data: sealed with the reporter's key", example = "Zoé") String firstName,
                           @Schema(description = "Personal data", example = "Marchal") String lastName,
                           @Schema(description = "Personal data", format = "email", example = "zoe.marchal@example.org") String email,
                           @Schema(description = "Personal data: digits, spaces, '+', '.', '-', parentheses", format = "phone",
                                   example = "+33 6 12 34 56 78") String phone,
                           @Schema(description = "What the caller says, in their words (personal data: sealed)",
                                   example = "The light in front of number 12 is out.") String description,
                           @Schema(description = "An http(s) URL of a photo", format = "uri", example = "https://photos.example/abc.jpg")
                           String mediaUrl) {
        @Override
        public String toString() {
            return "TakeCallRequest[" + serviceCode + "]";
        }
    }

    record ReportQualification(@Schema(requiredMode = REQUIRED, example = "pothole") @OneOf(ServiceCode.class) String serviceCode,
                          @Schema(requiredMode = REQUIRED, example = "p3") @OneOf(RequestPriority.class) String priority) {
    }

    record ReportDuplicate(@Schema(requiredMode = REQUIRED, example = "SR-3F2A9C1B7D4E") String originalId) {
    }

    record ReportAsset(@Schema(requiredMode = REQUIRED, example = "LP-DIJ-000123") String assetId) {
    }

    record ReportIntervention(@Schema(requiredMode = REQUIRED, example = "INT-CIT-SR-3F2A9C1B7D4E") String interventionId) {
    }

    record ReportUpdate(@Schema(requiredMode = REQUIRED, example = "action_scheduled") @OneOf(OpenStatus.class) String status,
                         @Schema(requiredMode = REQUIRED, description = "Public: the reporter and everyone read it",
                                 example = "A crew is scheduled for tomorrow morning.") String note) {
    }

    record ReportClosure(@Schema(requiredMode = REQUIRED, example = "fixed") @OneOf(Resolution.class) String resolution,
                        @Schema(requiredMode = REQUIRED, example = "The pothole was filled.") String note) {
    }

    /** The statuses a public update may move a request to. */
    enum OpenStatus {
        CONFIRMED, INVESTIGATING, ACTION_SCHEDULED, IN_PROGRESS;

        RequestStatus status() {
            return RequestStatus.valueOf(name());
        }
    }

    /** The statuses a request closes with; a duplicate is marked, not closed. Spelled as FixMyStreet does. */
    enum Resolution {
        FIXED(RequestStatus.FIXED), NOT_COUNCILS_RESPONSIBILITY(RequestStatus.NOT_RESPONSIBLE),
        NO_FURTHER_ACTION(RequestStatus.NO_FURTHER_ACTION), INTERNAL_REFERRAL(RequestStatus.INTERNAL_REFERRAL),
        CLOSED(RequestStatus.CLOSED);

        private final RequestStatus status;

        Resolution(RequestStatus status) {
            this.status = status;
        }

        RequestStatus status() {
            return status;
        }
    }

    /** What the caller is told: the id to follow the request with (Open311 GET requests/{id}) and their reporter id. */
    record ReportTaken(String serviceRequestId, String reporterId) {
    }

    /** The request changed, or was already as asked; read it back for its state. */
    record ReportChanged(String serviceRequestId) {
    }
}
