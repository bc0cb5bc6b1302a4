package io.pilotage.crews;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.Skill;
import io.pilotage.shared.web.OneOf;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Bodies of the crews API. Skills stay text so that an unknown one is answered with a 422 naming the field. */
final class CrewRequests {

    private CrewRequests() {
    }

    record RegisterRequest(@Schema(requiredMode = REQUIRED, example = "CREW-L1") String crewId,
                           @Schema(requiredMode = REQUIRED, description = "At least one", example = "[\"lighting\"]")
                           @OneOf(Skill.class) List<String> skills,
                           @Schema(requiredMode = REQUIRED, example = "VAN-101") String vehicleId) {
    }

    record ShiftRequest(@Schema(requiredMode = REQUIRED, example = "2026-03-16T05:00:00Z") Instant start,
                        @Schema(requiredMode = REQUIRED, description = "At most 24 h after start", example = "2026-03-16T13:00:00Z")
                        Instant end) {
    }

    record PositionRequest(@Schema(requiredMode = REQUIRED, example = "47.322") Double latitude,
                           @Schema(requiredMode = REQUIRED, example = "5.0415") Double longitude,
                           @Schema(description = "When the position was taken; now when absent", example = "2026-03-16T07:42:30Z")
                           Instant at) {
    }
}
