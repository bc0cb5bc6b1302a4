package io.pilotage.reports;

import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.lighting.LightPointId;
import io.pilotage.reports.ReportCommands.LinkIntervention;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.PolicyCommands;
import io.pilotage.shared.RuleViolation;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A citizen's "street light out" on a known point is a lamp failure of that point, with source {@code citizen}, so
 * the lighting rules decide the rest: one intervention per failure, a failure on a point already under repair
 * attached to its intervention. The failure's id derives from the request's ({@code CIT-<request id>}), so the
 * intervention that takes it names the request back: the request is linked to the intervention when it is opened or
 * the fault attached, and closed with the intervention's outcome when it is resolved
 * ({@link WhenServiceRequestQualifiedThenOpenIntervention}). A point that
 * already has an open lamp failure keeps it (the lighting rule answers that failure's id): the request then stays
 * with the operators, linked to its asset.
 */
@Component
@ProcessingGroup(WhenStreetLightReportedThenReportLampFailure.PROCESSING_GROUP)
public class WhenStreetLightReportedThenReportLampFailure {

    /** Shared with {@link WhenServiceRequestQualifiedThenOpenIntervention}: the policies that turn reports into work. */
    public static final String PROCESSING_GROUP = "reports-work";
    static final String FAILURE_PREFIX = "CIT-";
    /** The prefix of the ids {@code ReportIntake} gives requests. */
    static final String REQUEST_PREFIX = "SR-";
    private static final Logger LOG = LoggerFactory.getLogger(WhenStreetLightReportedThenReportLampFailure.class);

    public static String failureIdFor(ServiceRequestId request) {
        return FAILURE_PREFIX + request.value();
    }

    /** The request a failure was reported for, if {@link #failureIdFor} made its id. */
    static Optional<ServiceRequestId> requestOf(String failureId) {
        return failureId != null && failureId.startsWith(FAILURE_PREFIX + REQUEST_PREFIX)
                ? Optional.of(new ServiceRequestId(failureId.substring(FAILURE_PREFIX.length()))) : Optional.empty();
    }

    @EventHandler
    @DisallowReplay
    void on(ServiceRequestReported event, CommandGateway commands) {
        if (event.serviceCode() != ServiceCode.STREET_LIGHT_OUT || event.assetId() == null) {
            return;
        }
        try {
            PolicyCommands.send(commands, new ReportLampFailure(new LightPointId(event.assetId()),
                    failureIdFor(event.serviceRequestId()), FailureKind.LAMP_FAILURE, FailureSource.CITIZEN,
                    event.reportedAt(), event.reportedAt()), getClass());
        } catch (RuleViolation refused) {
            LOG.info("Request {} names light point {}, which refused a lamp failure ({}); the operators keep it",
                    event.serviceRequestId(), event.assetId(), refused.ruleName());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(InterventionOpened event, CommandGateway commands) {
        requestOf(event.sourceRef()).ifPresent(request ->
                ReportFollowUp.tell(commands, new LinkIntervention(request, event.interventionId(), event.openedAt()), request, getClass()));
    }

    @EventHandler
    @DisallowReplay
    void on(FaultAttached event, CommandGateway commands) {
        requestOf(event.faultRef()).ifPresent(request ->
                ReportFollowUp.tell(commands, new LinkIntervention(request, event.interventionId(), event.at()), request, getClass()));
    }
}
