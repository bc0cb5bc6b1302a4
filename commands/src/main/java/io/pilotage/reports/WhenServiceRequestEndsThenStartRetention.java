package io.pilotage.reports;

import io.pilotage.reports.ReporterCommands.RecordReporterRequest;
import io.pilotage.reports.ReporterCommands.RecordReporterRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestMarkedDuplicate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A reporter's personal data is kept while one of their requests is open, and for the retention period after the last
 * one ends (closed, or closed as a duplicate); then the {@link Reporter} erases it. This policy tells the reporter's
 * stream each of their requests and each end, with the date the data is kept until, computed here from the terms of
 * retention in force when the request ended. The reporter's stream absorbs a request told twice, so a redelivered
 * event changes nothing.
 */
@Component
@ProcessingGroup(WhenServiceRequestEndsThenStartRetention.PROCESSING_GROUP)
public class WhenServiceRequestEndsThenStartRetention {

    public static final String PROCESSING_GROUP = "reports-reporter-retention";

    @EventHandler
    @DisallowReplay
    void on(ServiceRequestReported event, CommandGateway commands) {
        PolicyCommands.send(commands, new RecordReporterRequest(event.reporterId(), event.serviceRequestId(),
                event.reportedAt()), getClass());
    }

    @EventHandler
    @DisallowReplay
    void on(ServiceRequestClosed event, CommandGateway commands, RetentionPeriod retention) {
        PolicyCommands.send(commands, new RecordReporterRequestClosed(event.reporterId(), event.serviceRequestId(),
                event.at(), retention.retainUntil(event.at())), getClass());
    }

    @EventHandler
    @DisallowReplay
    void on(ServiceRequestMarkedDuplicate event, CommandGateway commands, RetentionPeriod retention) {
        PolicyCommands.send(commands, new RecordReporterRequestClosed(event.reporterId(), event.serviceRequestId(),
                event.at(), retention.retainUntil(event.at())), getClass());
    }
}
