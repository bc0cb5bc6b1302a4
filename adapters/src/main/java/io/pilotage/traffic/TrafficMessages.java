package io.pilotage.traffic;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.OneOf;
import io.pilotage.shared.web.Params;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A traffic controller's telemetry message, as it arrives on {@code pilotage/traffic/<intersectionId>} or is posted to
 * {@code /api/traffic/ingest}: its own id, the device, the intersection, and any of its SPaT reports, mode changes,
 * faults, timing-plan changes, and bus priority requests and answers. Fields are boxed so that a missing one is reported by name; the domain types they
 * become check every other rule.
 */
final class TrafficMessages {

    /** Reports one message may carry in all: a controller's few seconds, a bounded transaction. */
    static final int MAX_REPORTS = 5_000;
    /** A bus's clock this far from the core's is wrong, and a request that old is no use to anyone. */
    static final java.time.Duration MAX_PRIORITY_SKEW = java.time.Duration.ofDays(1);

    private TrafficMessages() {
    }

    @Schema(example = """
            {"messageId":"TL-DIJ-042-000123","device":"CTRL-TL-DIJ-042","intersectionId":"TL-DIJ-042",\
            "phaseChanges":[{"signalGroup":1,"state":"protected_movement_allowed","controllerTime":"2026-11-30T16:42:05Z",\
            "sequence":1041,"minEnd":"2026-11-30T16:42:15Z","maxEnd":"2026-11-30T16:42:45Z","likelyEnd":"2026-11-30T16:42:30Z",\
            "cause":"gap_out","timingPlan":"DAY"}],\
            "modeChanges":[{"mode":"normal","at":"2026-11-30T16:40:00Z"}],\
            "faults":[{"faultId":"F-042-17","kind":"signal_group","signalGroup":3,"detail":"red lamp out","cleared":true,\
            "at":"2026-11-30T16:41:00Z"}],\
            "planChanges":[{"planId":"DAY","at":"2026-11-30T06:00:00Z"}],\
            "priorityRequests":[{"requestId":17,"vehicleId":"BUS-1042","line":"L5","signalGroup":1,\
            "latenessSeconds":95,"at":"2026-11-30T17:42:05Z"}],\
            "priorityUpdates":[{"vehicleId":"BUS-1042","requestId":17,"status":"granted","reason":"other","at":"2026-11-30T17:42:07Z"}]}""")
    record TrafficMessage(
            @Schema(requiredMode = REQUIRED, description = "The controller's id for this message, kept when it is redelivered",
                    example = "TL-DIJ-042-000123") String messageId,
            @Schema(requiredMode = REQUIRED, description = "The controller that sends it; events name it as their actor",
                    example = "CTRL-TL-DIJ-042") String device,
            @Schema(requiredMode = REQUIRED, example = "TL-DIJ-042") String intersectionId,
            @Schema(description = "SAE J2735 SPaT reports, in any order") List<PhaseChangeReport> phaseChanges,
            @Schema(description = "Controller mode changes") List<ModeReport> modeChanges,
            @Schema(description = "Controller faults raised or cleared") List<FaultReport> faults,
            @Schema(description = "Timing-plan changes") List<PlanReport> planChanges,
            @Schema(description = "Bus priority requests (SRM), from buses approaching the intersection")
            List<PriorityRequestReport> priorityRequests,
            @Schema(description = "Answers to priority requests (SSM) from the controller, and check-outs")
            List<PriorityUpdateReport> priorityUpdates) {

        int reports() {
            return size(phaseChanges) + size(modeChanges) + size(faults) + size(planChanges) + size(priorityRequests)
                    + size(priorityUpdates);
        }

        private static int size(List<?> list) {
            return list == null ? 0 : list.size();
        }
    }

    @Schema(example = """
            {"signalGroup":1,"state":"protected_movement_allowed","controllerTime":"2026-11-30T16:42:05Z","sequence":1041,\
            "minEnd":"2026-11-30T16:42:15Z","maxEnd":"2026-11-30T16:42:45Z","likelyEnd":"2026-11-30T16:42:30Z",\
            "cause":"gap_out","timingPlan":"DAY"}""")
    record PhaseChangeReport(
            @Schema(requiredMode = REQUIRED, description = "SAE J2735 SignalGroupID, 1 to 255", example = "1") Integer signalGroup,
            @Schema(requiredMode = REQUIRED, description = "J2735 MovementPhaseState", example = "protected_movement_allowed")
            @OneOf(MovementPhaseState.class) String state,
            @Schema(requiredMode = REQUIRED, description = "When the state began, by the controller's clock",
                    example = "2026-11-30T16:42:05Z") Instant controllerTime,
            @Schema(requiredMode = REQUIRED, description = "The controller's sequence number for the report", example = "1041")
            Long sequence,
            @Schema(description = "Earliest end of the state", example = "2026-11-30T16:42:15Z") Instant minEnd,
            @Schema(description = "Latest end of the state", example = "2026-11-30T16:42:45Z") Instant maxEnd,
            @Schema(description = "Likely end of the state", example = "2026-11-30T16:42:30Z") Instant likelyEnd,
            @Schema(description = "Why the previous green ended, when known", example = "gap_out")
            @OneOf(TerminationCause.class) String cause,
            @Schema(description = "The timing plan running", example = "DAY") String timingPlan) {

        PhaseChange toPhaseChange() {
            return new PhaseChange(InvalidValue.requireNonNull(signalGroup, "signalGroup"),
                    Params.requiredEnum(MovementPhaseState.class, state, "state"),
                    InvalidValue.requireNonNull(controllerTime, "controllerTime"), InvalidValue.requireNonNull(sequence, "sequence"),
                    minEnd, maxEnd, likelyEnd, Params.enumValue(TerminationCause.class, cause, "cause"),
                    timingPlan == null || timingPlan.isBlank() ? null : timingPlan);
        }
    }

    @Schema(example = """
            {"mode":"flashing","at":"2026-11-30T16:40:00Z"}""")
    record ModeReport(
            @Schema(requiredMode = REQUIRED, example = "flashing") @OneOf(ControllerMode.class) String mode,
            @Schema(requiredMode = REQUIRED, description = "By the controller's clock", example = "2026-11-30T16:40:00Z") Instant at) {

        IntersectionCommands.ChangeControllerMode toCommand(IntersectionId intersection) {
            return new IntersectionCommands.ChangeControllerMode(intersection,
                    Params.requiredEnum(ControllerMode.class, mode, "mode"), InvalidValue.requireNonNull(at, "at"));
        }
    }

    @Schema(example = """
            {"faultId":"F-042-17","kind":"signal_group","signalGroup":3,"detail":"red lamp out","cleared":true,\
            "at":"2026-11-30T16:41:00Z"}""")
    record FaultReport(
            @Schema(requiredMode = REQUIRED, description = "The controller's id for the fault; its clearance names it again",
                    example = "F-042-17") String faultId,
            @Schema(description = "Required when the fault is raised", example = "signal_group")
            @OneOf(ControllerFaultKind.class) String kind,
            @Schema(description = "For a signal-group fault, the group", example = "3") Integer signalGroup,
            @Schema(description = "The controller's words, up to 500 characters", example = "red lamp out") String detail,
            @Schema(description = "True when the report clears the fault; raised when absent", example = "false") Boolean cleared,
            @Schema(requiredMode = REQUIRED, description = "By the controller's clock", example = "2026-11-30T16:41:00Z") Instant at) {

        Object toCommand(IntersectionId intersection) {
            ControllerFaultKind faultKind = Params.enumValue(ControllerFaultKind.class, kind, "kind");
            if (Boolean.TRUE.equals(cleared)) {
                return new IntersectionCommands.ClearControllerFault(intersection, InvalidValue.requireNonNull(faultId, "faultId"),
                        InvalidValue.requireNonNull(at, "at"));
            }
            return new IntersectionCommands.RaiseControllerFault(intersection, InvalidValue.requireNonNull(faultId, "faultId"),
                    InvalidValue.requireNonNull(faultKind, "kind"), signalGroup, detail,
                    InvalidValue.requireNonNull(at, "at"));
        }
    }

    @Schema(example = """
            {"planId":"NIGHT","at":"2026-11-30T22:00:00Z"}""")
    record PlanReport(
            @Schema(requiredMode = REQUIRED, example = "NIGHT") String planId,
            @Schema(requiredMode = REQUIRED, description = "By the controller's clock", example = "2026-11-30T22:00:00Z") Instant at) {

        IntersectionCommands.ChangeTimingPlan toCommand(IntersectionId intersection) {
            return new IntersectionCommands.ChangeTimingPlan(intersection, InvalidValue.requireNonNull(planId, "planId"),
                    InvalidValue.requireNonNull(at, "at"));
        }
    }

    /** What a controller or a bus reports about a priority request after it was made. */
    enum PriorityStatus {
        GRANTED, REJECTED, CHECKED_OUT
    }

    @Schema(example = """
            {"requestId":17,"vehicleId":"BUS-1042","line":"L5","signalGroup":1,"latenessSeconds":95,\
            "at":"2026-11-30T17:42:05Z"}""")
    record PriorityRequestReport(
            @Schema(requiredMode = REQUIRED, description = "The bus's number for the request (J2735 RequestID, 0 to 65535; it wraps); "
                    + "with its vehicleId, the request's id", example = "17") Integer requestId,
            @Schema(requiredMode = REQUIRED, example = "BUS-1042") String vehicleId,
            @Schema(requiredMode = REQUIRED, example = "L5") String line,
            @Schema(requiredMode = REQUIRED, description = "The signal group of the bus's approach", example = "1") Integer signalGroup,
            @Schema(requiredMode = REQUIRED, description = "Seconds behind the timetable (negative: ahead), -3600 to 3600",
                    example = "95") Integer latenessSeconds,
            @Schema(requiredMode = REQUIRED, description = "When the bus asked", example = "2026-11-30T17:42:05Z") Instant at) {

        /**
         * The answer is awaited from the later of the bus's clock and the request's arrival: a request delivered late (a
         * backlog, a clock behind) still gives the controller its time to answer.
         */
        PriorityCommands.RequestPriority toCommand(IntersectionId intersection, Instant receivedAt, java.time.Duration answerWithin) {
            Instant requested = InvalidValue.requireNonNull(at, "at");
            InvalidValue.require(!requested.isBefore(receivedAt.minus(MAX_PRIORITY_SKEW)) && !requested.isAfter(receivedAt.plus(MAX_PRIORITY_SKEW)),
                    "at", "must be within a day of the message's arrival");
            String vehicle = InvalidValue.requireNonNull(vehicleId, "vehicleId");
            return new PriorityCommands.RequestPriority(priorityRequestId(vehicle, requestId), intersection, vehicle,
                    InvalidValue.requireNonNull(line, "line"), InvalidValue.requireNonNull(signalGroup, "signalGroup"),
                    InvalidValue.requireNonNull(latenessSeconds, "latenessSeconds"), requested,
                    (requested.isAfter(receivedAt) ? requested : receivedAt).plus(answerWithin));
        }
    }

    /**
     * A bus numbers its own requests (J2735's RequestID, small and wrapping): the vehicle and its number name one. The
     * number has no colon, so the id splits at its last one.
     */
    static PriorityRequestId priorityRequestId(String vehicleId, Integer requestId) {
        Identifiers.require(vehicleId, "vehicleId");
        InvalidValue.require(InvalidValue.requireNonNull(requestId, "requestId") >= 0 && requestId <= 65_535, "requestId",
                "must be between 0 and 65535");
        String id = vehicleId + ":" + requestId;
        InvalidValue.require(id.length() <= 64, "requestId", "with the vehicle's id, must hold at most 64 characters");
        return new PriorityRequestId(id);
    }

    @Schema(example = """
            {"vehicleId":"BUS-1042","requestId":17,"status":"granted","reason":"other","at":"2026-11-30T17:42:07Z"}""")
    record PriorityUpdateReport(
            @Schema(requiredMode = REQUIRED, description = "The bus the request is from", example = "BUS-1042") String vehicleId,
            @Schema(requiredMode = REQUIRED, description = "The bus's number for the request", example = "17") Integer requestId,
            @Schema(requiredMode = REQUIRED, description = "The controller's answer, or the bus checking out once through",
                    example = "granted") @OneOf(PriorityStatus.class) String status,
            @Schema(description = "Why the request was rejected; required with rejected", example = "other")
            @OneOf(PriorityRejection.class) String reason,
            @Schema(requiredMode = REQUIRED, example = "2026-11-30T17:42:07Z") Instant at) {

        Object toCommand() {
            PriorityRequestId id = priorityRequestId(InvalidValue.requireNonNull(vehicleId, "vehicleId"), requestId);
            PriorityStatus answer = Params.requiredEnum(PriorityStatus.class, status, "status");
            PriorityRejection why = Params.enumValue(PriorityRejection.class, reason, "reason");
            Instant when = InvalidValue.requireNonNull(at, "at");
            return switch (answer) {
                case GRANTED -> new PriorityCommands.GrantPriority(id, when);
                case REJECTED -> new PriorityCommands.RejectPriority(id, InvalidValue.requireNonNull(why, "reason"), when);
                case CHECKED_OUT -> new PriorityCommands.CheckOutPriority(id, when);
            };
        }
    }
}
