package io.pilotage.reports;

import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
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
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.shared.PolicyCommands;
import io.pilotage.shared.RuleViolation;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A qualified report opens its intervention, or joins the one already open on its place: a second pothole
 * report a few metres from the first becomes a fault attached to the first one's intervention, not a second crew
 * sent. The intervention is opened with the priority the operator chose and the contract's deadlines for it. When
 * that intervention is resolved, the reports it was opened for or joined by are closed with the matching resolution;
 * qualified again, a report passes its new priority and trade to the intervention opened for it. The place decides,
 * not an asset id a citizen typed (an intersection id cannot be checked yet): only light points, checked at intake,
 * go through their own lamp failure.
 * Street lights reported on a known point go through the lamp failure instead
 * ({@link WhenStreetLightReportedThenReportLampFailure}); a report without a position or commune stays with the
 * operators, who place it.
 */
@Component
@ProcessingGroup(WhenStreetLightReportedThenReportLampFailure.PROCESSING_GROUP)
public class WhenServiceRequestQualifiedThenOpenIntervention {

    static final String INTERVENTION_PREFIX = "INT-";
    static final String REQUALIFIED = "The report it was opened for was qualified again.";
    /** What an attached report is held by when the intervention it joined is not on its asset or place. */
    static final String LINKED_ASSET_PREFIX = "report:";

    public static String interventionIdFor(ServiceRequestId request) {
        return INTERVENTION_PREFIX + request.value();
    }

    @EventHandler
    @DisallowReplay
    void on(ServiceRequestQualified event, CommandGateway commands, ContractTermsInForce contract) {
        ServiceRequestId request = event.serviceRequestId();
        String interventionId = interventionIdFor(request);
        Priority priority = Priority.valueOf(event.priority().name());
        if (interventionId.equals(event.interventionId())) {
            ReportFollowUp.tell(commands, new QualifyIntervention(interventionId, priority, categoryOf(event.serviceCode()),
                    REQUALIFIED, event.at()), request, getClass());
            return;
        }
        boolean lampFailure = event.serviceCode() == ServiceCode.STREET_LIGHT_OUT && event.assetId() != null;
        if (event.interventionId() != null || lampFailure || event.position() == null || event.commune() == null) {
            return;
        }
        TermsVersion terms = contract.at(event.at());
        OpenIntervention open = new OpenIntervention(interventionId, InterventionSource.CITIZEN_REPORT, request.value(),
                null, categoryOf(event.serviceCode()), event.commune(), event.position(), priority,
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
        ReportFollowUp.tell(commands, new LinkIntervention(request, covering, event.at()), request, getClass());
    }

    /**
     * A request linked to an intervention that was not opened for it (an operator's link, a join) is attached to that
     * intervention as a fault named after the request, so that the intervention's resolution names it back and
     * closes it. Attaching what is already attached (the joins above, a citizen's lamp failure) changes nothing.
     */
    @EventHandler
    @DisallowReplay
    void on(InterventionLinked event, CommandGateway commands) {
        ServiceRequestId request = event.serviceRequestId();
        String openedForIt = interventionIdFor(request);
        // the lamp failure policy's id for the intervention of the citizen's failure
        String openedForItsLamp = INTERVENTION_PREFIX + WhenStreetLightReportedThenReportLampFailure.failureIdFor(request);
        if (event.interventionId().equals(openedForIt) || event.interventionId().equals(openedForItsLamp)) {
            return;
        }
        ReportFollowUp.tell(commands, new AttachFault(event.interventionId(), LINKED_ASSET_PREFIX + request.value(),
                WhenStreetLightReportedThenReportLampFailure.failureIdFor(request), event.at()), request, getClass());
    }

    /**
     * Closes every report the intervention dealt with, whatever opened it: the one it was opened for (a citizen's
     * report, or the lamp failure a citizen's street light became) and each that joined it as an attached fault, with
     * the resolution's outcome (a lamp found working is not "fixed").
     */
    @EventHandler
    @DisallowReplay
    void on(InterventionResolved event, CommandGateway commands) {
        Set<ServiceRequestId> requests = new LinkedHashSet<>();
        if (event.source() == InterventionSource.CITIZEN_REPORT && event.sourceRef() != null
                && event.sourceRef().startsWith(WhenStreetLightReportedThenReportLampFailure.REQUEST_PREFIX)) {
            requests.add(new ServiceRequestId(event.sourceRef()));
        }
        WhenStreetLightReportedThenReportLampFailure.requestOf(event.sourceRef()).ifPresent(requests::add);
        for (AttachedFault fault : event.attachedFaults()) {
            WhenStreetLightReportedThenReportLampFailure.requestOf(fault.faultRef()).ifPresent(requests::add);
        }
        for (ServiceRequestId request : requests) {
            ReportFollowUp.tell(commands, outcome(event.resolution(), request, event), request, getClass());
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
}
