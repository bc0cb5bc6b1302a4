package io.pilotage.reports;

import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.Priority;
import io.pilotage.reports.ReportCommands.CloseServiceRequest;
import io.pilotage.reports.ReportCommands.LinkIntervention;
import io.pilotage.reports.ReportCommands.PublishUpdate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.shared.PolicyCommands;
import io.pilotage.shared.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A qualified report opens its intervention, or joins the one already open on its asset or place: a second pothole
 * report a few metres from the first becomes a fault attached to the first one's intervention, not a second crew
 * sent. The intervention is opened with the priority the operator chose and the contract's deadlines for it. When
 * that intervention is resolved, the reports it was opened for or joined by are closed with the matching resolution.
 * Street lights reported on a known point go through the lamp failure instead
 * ({@link WhenStreetLightReportedThenReportLampFailure}); a report without a position or commune stays with the
 * operators, who place it.
 */
@Component
@ProcessingGroup(WhenStreetLightReportedThenReportLampFailure.PROCESSING_GROUP)
public class WhenServiceRequestQualifiedThenOpenIntervention {

    static final String INTERVENTION_PREFIX = "INT-";
    private static final Logger LOG = LoggerFactory.getLogger(WhenServiceRequestQualifiedThenOpenIntervention.class);

    public static String interventionIdFor(ServiceRequestId request) {
        return INTERVENTION_PREFIX + request.value();
    }

    @EventHandler
    @DisallowReplay
    void on(ServiceRequestQualified event, CommandGateway commands, ContractTermsInForce contract) {
        boolean lampFailure = event.serviceCode() == ServiceCode.STREET_LIGHT_OUT && event.assetId() != null;
        if (event.interventionId() != null || lampFailure || event.position() == null || event.commune() == null) {
            return;
        }
        ServiceRequestId request = event.serviceRequestId();
        String interventionId = interventionIdFor(request);
        TermsVersion terms = contract.at(event.at());
        Priority priority = Priority.valueOf(event.priority().name());
        OpenIntervention open = new OpenIntervention(interventionId, InterventionSource.CITIZEN_REPORT, request.value(),
                event.assetId(), categoryOf(event.serviceCode()), event.commune(), event.position(), priority,
                terms.terms().deadlinesFor(priority), terms.version(), event.at());
        String covering;
        try {
            covering = PolicyCommands.send(commands, new RequestIntervention(open), getClass());
        } catch (RuleViolation taken) {
            if (!(taken.rule() instanceof OneOpenInterventionPerAsset held)) {
                throw taken;
            }
            covering = held.openInterventionId();
        }
        if (!covering.equals(interventionId)) {
            PolicyCommands.send(commands, new AttachFault(covering, open.claimKey(),
                    WhenStreetLightReportedThenReportLampFailure.failureIdFor(request), event.at()), getClass());
        }
        tell(new LinkIntervention(request, covering, event.at()), commands, request);
    }

    /** Closes what the intervention was opened for and what joined it; a lamp failure's reports close on the repair. */
    @EventHandler
    @DisallowReplay
    void on(InterventionResolved event, CommandGateway commands) {
        if (event.source() != InterventionSource.CITIZEN_REPORT) {
            return;
        }
        List<ServiceRequestId> requests = new ArrayList<>();
        if (event.sourceRef() != null && event.sourceRef().startsWith(WhenStreetLightReportedThenReportLampFailure.REQUEST_PREFIX)) {
            requests.add(new ServiceRequestId(event.sourceRef()));
        }
        for (AttachedFault fault : event.attachedFaults()) {
            WhenStreetLightReportedThenReportLampFailure.requestOf(fault.faultRef()).ifPresent(requests::add);
        }
        for (ServiceRequestId request : requests) {
            tell(outcome(event.resolution(), request, event), commands, request);
        }
    }

    /** The trade that deals with each service. */
    static Category categoryOf(ServiceCode service) {
        return switch (service) {
            case STREET_LIGHT_OUT -> Category.LIGHTING;
            case TRAFFIC_SIGNAL_FAULT -> Category.TRAFFIC_SIGNAL;
            case POTHOLE, DAMAGED_STREET_FURNITURE, OTHER -> Category.ROADWORKS;
            case BULKY_WASTE, ILLEGAL_DUMPING -> Category.WASTE;
            case GRAFFITI, CLEANLINESS -> Category.CLEANING;
        };
    }

    static Object outcome(Resolution resolution, ServiceRequestId request, InterventionResolved event) {
        return switch (resolution) {
            case REPAIRED, REPLACED -> new CloseServiceRequest(request, RequestStatus.FIXED, "The problem was fixed.", event.at());
            case NO_FAULT_FOUND -> new CloseServiceRequest(request, RequestStatus.NO_FURTHER_ACTION,
                    "The crew found nothing to repair.", event.at());
            case NOT_COUNCILS_RESPONSIBILITY -> new CloseServiceRequest(request, RequestStatus.NOT_RESPONSIBLE,
                    "This is not the Métropole's to repair; it was passed on to whoever is responsible.", event.at());
            case MADE_SAFE_ONLY -> new PublishUpdate(request, RequestStatus.ACTION_SCHEDULED,
                    "The place was made safe; the repair is to follow.", event.at());
        };
    }

    private void tell(Object command, CommandGateway commands, ServiceRequestId request) {
        try {
            PolicyCommands.send(commands, command, getClass());
        } catch (RuleViolation | AggregateNotFoundException unchanged) {
            LOG.info("Request {} left as it is: {}", request, unchanged.getClass().getSimpleName());
        }
    }
}
