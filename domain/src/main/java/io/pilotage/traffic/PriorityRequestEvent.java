package io.pilotage.traffic;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Everything that happens to a bus's priority request. Each event repeats the intersection and the line, so that
 * statistics per intersection and line need no lookup.
 */
public sealed interface PriorityRequestEvent {

    PriorityRequestId requestId();

    IntersectionId intersectionId();

    String line();

    /** ATSPM 112, check-in: the bus asked; unanswered by {@code answerBy}, the request times out. */
    @Revision("1")
    record PriorityRequested(PriorityRequestId requestId, IntersectionId intersectionId, String vehicleId, String line,
                             int signalGroup, int latenessSeconds, Instant requestedAt, Instant answerBy)
            implements PriorityRequestEvent {
    }

    /** ATSPM 113 or 114: the controller adjusted its plan (early or extended green) for the bus. */
    @Revision("1")
    record PriorityGranted(PriorityRequestId requestId, IntersectionId intersectionId, String line, Instant at)
            implements PriorityRequestEvent {
    }

    @Revision("1")
    record PriorityRejected(PriorityRequestId requestId, IntersectionId intersectionId, String line, PriorityRejection reason,
                            Instant at) implements PriorityRequestEvent {
    }

    /** No answer came by the request's {@code answerBy}: the controller did not hear it, or did not say. */
    @Revision("1")
    record PriorityRequestTimedOut(PriorityRequestId requestId, IntersectionId intersectionId, String line, Instant at)
            implements PriorityRequestEvent {
    }

    /** ATSPM 115, check-out: the bus went through, {@code answered} or not by then. */
    @Revision("1")
    record PriorityCheckedOut(PriorityRequestId requestId, IntersectionId intersectionId, String line, boolean answered,
                              Instant at) implements PriorityRequestEvent {
    }
}
