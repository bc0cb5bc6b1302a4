package io.pilotage.reports;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What happened to a reporter. None of it is personal: the reporter id is a pseudonym. */
public sealed interface ReporterEvent {

    ReporterId reporterId();

    @Revision("1")
    record ReporterRequestRecorded(ReporterId reporterId, ServiceRequestId serviceRequestId, Instant at) implements ReporterEvent {
    }

    /** {@code retainUntil} is set when no request of the reporter remains open; null while one does. */
    @Revision("1")
    record ReporterRequestClosed(ReporterId reporterId, ServiceRequestId serviceRequestId, Instant closedAt,
                                 Instant retainUntil) implements ReporterEvent {
    }

    /** The reporter's key was destroyed at {@code at}, in the same transaction as this event. */
    @Revision("1")
    record ReporterErased(ReporterId reporterId, ErasureReason reason, Instant at) implements ReporterEvent {
    }
}
