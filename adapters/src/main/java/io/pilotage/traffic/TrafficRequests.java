package io.pilotage.traffic;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.OneOf;
import io.pilotage.shared.web.Params;
import io.pilotage.traffic.IntersectionCommands.RegisterIntersection;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Bodies of the traffic API. Fields are boxed so that a missing one is reported by name; every rule a field must
 * keep is checked by the domain type it becomes.
 */
final class TrafficRequests {

    private TrafficRequests() {
    }

    @Schema(example = """
            {"intersectionId":"TL-DIJ-042","commune":"Dijon","latitude":47.322,"longitude":5.041,\
            "signalGroups":[{"id":1,"movement":"north approach, through"},{"id":3,"movement":"east approach, through"}],\
            "conflicts":[{"first":1,"second":3}],"timingPlans":[{"id":"DAY","cycleSeconds":90}],"activePlan":"DAY"}""")
    record RegisterIntersectionRequest(
            @Schema(requiredMode = REQUIRED, description = "As the controller names itself in its reports", example = "TL-DIJ-042")
            String intersectionId,
            @Schema(requiredMode = REQUIRED, example = "Dijon") @OneOf(Commune.class) String commune,
            @Schema(requiredMode = REQUIRED, example = "47.322") Double latitude,
            @Schema(requiredMode = REQUIRED, example = "5.041") Double longitude,
            @Schema(requiredMode = REQUIRED, description = "1 to 64 signal groups, each id once") List<SignalGroupRequest> signalGroups,
            @Schema(description = "Pairs of signal groups whose movements cross; none when absent") List<ConflictRequest> conflicts,
            @Schema(requiredMode = REQUIRED, description = "1 to 32 timing plans, each id once") List<TimingPlanRequest> timingPlans,
            @Schema(requiredMode = REQUIRED, description = "The plan running now: one of the timing plans", example = "DAY")
            String activePlan) {

        RegisterIntersection toCommand(Instant now) {
            InvalidValue.require(signalGroups != null, "signalGroups", "is required");
            InvalidValue.require(signalGroups.stream().allMatch(Objects::nonNull), "signalGroups", "must not hold null entries");
            InvalidValue.require(timingPlans != null, "timingPlans", "is required");
            InvalidValue.require(timingPlans.stream().allMatch(Objects::nonNull), "timingPlans", "must not hold null entries");
            return new RegisterIntersection(new IntersectionId(InvalidValue.requireNonNull(intersectionId, "intersectionId")),
                    Commune.parse(commune, "commune"), new GeoPosition(InvalidValue.requireNonNull(latitude, "latitude"), InvalidValue.requireNonNull(longitude, "longitude")),
                    signalGroups.stream().map(SignalGroupRequest::toSignalGroup).toList(),
                    Params.entries(conflicts, "conflicts").stream().map(ConflictRequest::toConflict).toList(),
                    timingPlans.stream().map(TimingPlanRequest::toTimingPlan).toList(), InvalidValue.requireNonNull(activePlan, "activePlan"), now);
        }
    }

    @Schema(example = """
            {"id":1,"movement":"north approach, through"}""")
    record SignalGroupRequest(
            @Schema(requiredMode = REQUIRED, description = "SAE J2735 SignalGroupID, 1 to 255", example = "1") Integer id,
            @Schema(requiredMode = REQUIRED, description = "1 to 120 characters", example = "north approach, through") String movement) {

        SignalGroup toSignalGroup() {
            return new SignalGroup(InvalidValue.requireNonNull(id, "id"), InvalidValue.requireNonNull(movement, "movement"));
        }
    }

    @Schema(example = """
            {"first":1,"second":3}""")
    record ConflictRequest(
            @Schema(requiredMode = REQUIRED, example = "1") Integer first,
            @Schema(requiredMode = REQUIRED, example = "3") Integer second) {

        Conflict toConflict() {
            return new Conflict(InvalidValue.requireNonNull(first, "first"), InvalidValue.requireNonNull(second, "second"));
        }
    }

    @Schema(example = """
            {"id":"DAY","cycleSeconds":90}""")
    record TimingPlanRequest(
            @Schema(requiredMode = REQUIRED, example = "DAY") String id,
            @Schema(requiredMode = REQUIRED, description = "20 to 300 seconds", example = "90") Integer cycleSeconds) {

        TimingPlan toTimingPlan() {
            return new TimingPlan(InvalidValue.requireNonNull(id, "id"), InvalidValue.requireNonNull(cycleSeconds, "cycleSeconds"));
        }
    }
}
