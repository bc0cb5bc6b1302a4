package io.pilotage.reports;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pilotage.reports.ReportCommands.CloseServiceRequest;
import io.pilotage.reports.ReportCommands.LinkAsset;
import io.pilotage.reports.ReportCommands.LinkIntervention;
import io.pilotage.reports.ReportCommands.MarkDuplicate;
import io.pilotage.reports.ReportCommands.PublishUpdate;
import io.pilotage.reports.ReportCommands.QualifyServiceRequest;
import io.pilotage.reports.ReportCommands.ReportServiceRequest;
import io.pilotage.reports.ReportRules.ServiceRequestIsReportedOnce;
import io.pilotage.reports.ReportRules.ServiceRequestMustBeOpen;
import io.pilotage.reports.ServiceRequestEvent.AssetLinked;
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.PublicUpdatePublished;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestMarkedDuplicate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.RuleViolation;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A citizen's report, from intake to its resolution. It keeps what its decisions read: whether it is reported and
 * closed, its service, priority, asset and intervention, and its reporter (named by the events that end it, for the
 * retention clock). Of personal data it holds only the sealed form, in the report it compares a redelivered report
 * with; it is not snapshotted.
 */
@Aggregate
public class ServiceRequest {

    @AggregateIdentifier
    private String serviceRequestId;
    private ReporterId reporterId;
    private ServiceRequestReported report;
    private ServiceCode serviceCode;
    private RequestPriority priority;
    private String assetId;
    private String interventionId;
    private RequestStatus status;
    private String lastNote;

    protected ServiceRequest() {
    }

    /**
     * A retry of the same report (same id, same content: a lost answer, a redelivered call) changes nothing;
     * the same id with other content is refused.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReportServiceRequest command) {
        ServiceRequestReported reported = new ServiceRequestReported(command.serviceRequestId(), command.reporterId(),
                command.channel(), command.serviceCode(), command.position(), command.address(), command.commune(),
                command.assetId(), command.personal(), command.mediaUrl(), command.reportedAt());
        if (report != null) {
            if (report.equals(reported)) {
                return;
            }
            throw new RuleViolation(new ServiceRequestIsReportedOnce());
        }
        apply(reported);
    }

    @CommandHandler
    public void handle(QualifyServiceRequest command) {
        requireOpen();
        if (command.serviceCode() == serviceCode && command.priority() == priority) {
            return;
        }
        apply(new ServiceRequestQualified(command.serviceRequestId(), command.serviceCode(), command.priority(),
                report.position(), report.commune(), assetId, interventionId, command.at()));
    }

    @CommandHandler
    public void handle(MarkDuplicate command) {
        if (status == RequestStatus.DUPLICATE) {
            return;
        }
        requireOpen();
        apply(new ServiceRequestMarkedDuplicate(command.serviceRequestId(), reporterId, command.originalId(), command.at()));
    }

    @CommandHandler
    public void handle(LinkAsset command) {
        requireOpen();
        if (command.assetId().equals(assetId)) {
            return;
        }
        apply(new AssetLinked(command.serviceRequestId(), command.assetId(), command.at()));
    }

    /** Linking the intervention already linked is a no-op: the policies that link may see an event twice. */
    @CommandHandler
    public void handle(LinkIntervention command) {
        if (command.interventionId().equals(interventionId)) {
            return;
        }
        requireOpen();
        apply(new InterventionLinked(command.serviceRequestId(), command.interventionId(), command.at()));
    }

    /** The same note with the same status as the last one changes nothing (a policy's update seen twice). */
    @CommandHandler
    public void handle(PublishUpdate command) {
        requireOpen();
        if (command.status() == status && command.note().equals(lastNote)) {
            return;
        }
        apply(new PublicUpdatePublished(command.serviceRequestId(), command.status(), command.note(), command.at()));
    }

    /** Closing again with the same resolution changes nothing (the repair that closes it may be seen twice). */
    @CommandHandler
    public void handle(CloseServiceRequest command) {
        if (status == command.resolution()) {
            return;
        }
        requireOpen();
        apply(new ServiceRequestClosed(command.serviceRequestId(), reporterId, command.resolution(), command.note(), command.at()));
    }

    private void requireOpen() {
        if (status.closed()) {
            throw new RuleViolation(new ServiceRequestMustBeOpen());
        }
    }

    @EventSourcingHandler
    void on(ServiceRequestReported event) {
        serviceRequestId = event.serviceRequestId().value();
        reporterId = event.reporterId();
        report = event;
        serviceCode = event.serviceCode();
        assetId = event.assetId();
        status = RequestStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(ServiceRequestQualified event) {
        serviceCode = event.serviceCode();
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(ServiceRequestMarkedDuplicate event) {
        status = RequestStatus.DUPLICATE;
    }

    @EventSourcingHandler
    void on(AssetLinked event) {
        assetId = event.assetId();
    }

    @EventSourcingHandler
    void on(InterventionLinked event) {
        interventionId = event.interventionId();
    }

    @EventSourcingHandler
    void on(PublicUpdatePublished event) {
        status = Objects.requireNonNull(event.status());
        lastNote = event.note();
    }

    @EventSourcingHandler
    void on(ServiceRequestClosed event) {
        status = event.resolution();
    }
}
