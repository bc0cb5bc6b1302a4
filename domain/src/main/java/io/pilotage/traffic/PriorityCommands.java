package io.pilotage.traffic;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Bus priority at signalised intersections (ATSPM high-resolution codes 112 to 115): a bus asks, the controller grants or
 * rejects, the bus checks out once through; a request left unanswered until {@code answerBy} times out.
 */
public final class PriorityCommands {

    /** A bus more than an hour late or early is a clock error, not a timetable. */
    public static final int MAX_LATENESS_SECONDS = 3_600;

    private PriorityCommands() {
    }

    /**
     * A bus of {@code line} approaching {@code intersectionId} on {@code signalGroup} asks for priority, being
     * {@code latenessSeconds} behind its timetable (negative: ahead). Asking again with the same facts changes nothing.
     */
    public record RequestPriority(@TargetAggregateIdentifier PriorityRequestId requestId, IntersectionId intersectionId,
                                  String vehicleId, String line, int signalGroup, int latenessSeconds, Instant requestedAt,
                                  Instant answerBy) {
        public RequestPriority {
            InvalidValue.requireNonNull(requestId, "requestId");
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            Identifiers.require(vehicleId, "vehicleId");
            Identifiers.require(line, "line");
            SignalGroup.requireId(signalGroup, "signalGroup");
            InvalidValue.require(Math.abs(latenessSeconds) <= MAX_LATENESS_SECONDS, "latenessSeconds",
                    "must be between -" + MAX_LATENESS_SECONDS + " and " + MAX_LATENESS_SECONDS);
            InvalidValue.requireNonNull(requestedAt, "requestedAt");
            InvalidValue.requireNonNull(answerBy, "answerBy");
            InvalidValue.require(answerBy.isAfter(requestedAt), "answerBy", "must be after requestedAt");
        }
    }

    /** The controller grants the request (early green or extended green). Answering a closed request changes nothing. */
    public record GrantPriority(@TargetAggregateIdentifier PriorityRequestId requestId, Instant at) {
        public GrantPriority {
            InvalidValue.requireNonNull(requestId, "requestId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The controller refuses the request, for a reason. Answering a closed request changes nothing. */
    public record RejectPriority(@TargetAggregateIdentifier PriorityRequestId requestId, PriorityRejection reason, Instant at) {
        public RejectPriority {
            InvalidValue.requireNonNull(requestId, "requestId");
            InvalidValue.requireNonNull(reason, "reason");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The bus went through the intersection. Checking out twice changes nothing. */
    public record CheckOutPriority(@TargetAggregateIdentifier PriorityRequestId requestId, Instant at) {
        public CheckOutPriority {
            InvalidValue.requireNonNull(requestId, "requestId");
            InvalidValue.requireNonNull(at, "at");
        }
    }
}
