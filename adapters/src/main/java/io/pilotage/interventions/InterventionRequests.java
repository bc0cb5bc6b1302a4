package io.pilotage.interventions;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.shared.Commune;
import io.pilotage.shared.web.OneOf;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Bodies of the interventions API. Enum fields stay text so that an unknown value is answered with a
 * 422 naming the field; {@link OneOf} tells the OpenAPI document which values are accepted.
 */
final class InterventionRequests {

    private InterventionRequests() {
    }

    record OpenRequest(@Schema(requiredMode = REQUIRED, example = "patrol") @OneOf(InterventionSource.class) String source,
                       @Schema(description = "What the intervention was opened for, such as a failure id", example = "PATROL-2026-0412")
                       String sourceRef,
                       @Schema(description = "The equipment; absent for work on a place (a pothole), which one open "
                               + "intervention per category and ~30 m cell then holds", example = "LP-DIJ-000001") String assetId,
                       @Schema(requiredMode = REQUIRED, example = "lighting") @OneOf(Category.class) String category,
                       @Schema(requiredMode = REQUIRED, example = "Dijon") @OneOf(Commune.class) String commune,
                       @Schema(requiredMode = REQUIRED, example = "47.322") Double latitude,
                       @Schema(requiredMode = REQUIRED, example = "5.0415") Double longitude,
                       @Schema(requiredMode = REQUIRED, example = "p2") @OneOf(Priority.class) String priority) {
    }

    record QualifyRequest(@Schema(requiredMode = REQUIRED, example = "p1") @OneOf(Priority.class) String priority,
                          @Schema(requiredMode = REQUIRED, example = "lighting") @OneOf(Category.class) String category,
                          @Schema(requiredMode = REQUIRED, description = "1 to 200 characters", example = "Column leaning over the road")
                          String reason) {
    }

    record AssignRequest(@Schema(requiredMode = REQUIRED, example = "CREW-L1") String crewId,
                         @Schema(description = "A supervisor assigns a crew that is already busy", example = "false")
                         Boolean override) {
    }

    record ResolutionRequest(@Schema(requiredMode = REQUIRED, example = "repaired") @OneOf(Resolution.class) String resolution) {
    }

    /** Why an intervention is reopened or cancelled, in the operator's words. */
    record ReasonRequest(@Schema(requiredMode = REQUIRED, description = "1 to 200 characters", example = "Reported twice")
                         String reason) {
    }

    /** Pausing the clock takes one of the contract's reasons, not free text: it has its own body. */
    record PauseRequest(@Schema(requiredMode = REQUIRED, example = "weather_alert") @OneOf(PauseReason.class) String reason) {
    }

    /** A step's recorded time replaced, with why: the recorded one stays in history. */
    record CorrectionRequest(@Schema(requiredMode = REQUIRED, example = "resolved") @OneOf(CorrectableStep.class) String step,
                             @Schema(requiredMode = REQUIRED, format = "date-time", description = "ISO-8601 with offset", example = "2026-03-12T09:40:00Z")
                             String correctedAt,
                             @Schema(requiredMode = REQUIRED, description = "1 to 200 characters", example = "Tablet clock was an hour ahead")
                             String reason) {
    }
}
