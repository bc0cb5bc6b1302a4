package io.pilotage.reports;

import io.pilotage.shared.InvalidValue;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands addressed to a reporter: the requests they made, for the retention clock, and the erasure of their
 * personal data.
 */
public final class ReporterCommands {

    private ReporterCommands() {
    }

    /** The reporter made this request: their data is kept while it is open. */
    public record RecordReporterRequest(@TargetAggregateIdentifier ReporterId reporterId, ServiceRequestId serviceRequestId,
                                        Instant at) {
        public RecordReporterRequest {
            InvalidValue.requireNonNull(reporterId, "reporterId");
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /**
     * One of the reporter's requests closed: once none is open, their data is kept until {@code retainUntil} (the
     * latest closure plus the retention period), then erased.
     */
    public record RecordReporterRequestClosed(@TargetAggregateIdentifier ReporterId reporterId,
                                              ServiceRequestId serviceRequestId, Instant closedAt, Instant retainUntil) {
        public RecordReporterRequestClosed {
            InvalidValue.requireNonNull(reporterId, "reporterId");
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(closedAt, "closedAt");
            InvalidValue.requireNonNull(retainUntil, "retainUntil");
            InvalidValue.require(!retainUntil.isBefore(closedAt), "retainUntil", "must not be before closedAt");
        }
    }

    /** Destroys the reporter's key: every sealed field of every event that names them becomes unreadable. */
    public record EraseReporter(@TargetAggregateIdentifier ReporterId reporterId, ErasureReason reason, Instant at) {
        public EraseReporter {
            InvalidValue.requireNonNull(reporterId, "reporterId");
            InvalidValue.requireNonNull(reason, "reason");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /**
     * What {@link EraseReporter} answers: the reporter's erasure as it happened, the first time. Erasing again
     * answers the same facts and changes nothing.
     */
    public record ReporterErasure(ReporterId reporterId, ErasureReason reason, Instant erasedAt) {
    }
}
