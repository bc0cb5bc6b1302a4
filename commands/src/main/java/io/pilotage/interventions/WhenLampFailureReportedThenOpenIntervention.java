package io.pilotage.interventions;

import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Every lamp failure becomes work, and one fault never becomes two interventions. A damaged column is a danger
 * (P1) on its point; anything else but a supply loss is a single point (P3). A supply loss is the cabinet's: it
 * opens one P2 intervention for the cabinet, and every point the cabinet darkens is attached to it. A failure
 * on an asset that already has an open intervention is attached to that one. The intervention's id derives from
 * the failure's, so a redelivered event finds it open and opens nothing, and attaching is idempotent too.
 */
@Component
@ProcessingGroup(WhenLampFailureReportedThenOpenIntervention.PROCESSING_GROUP)
public class WhenLampFailureReportedThenOpenIntervention {

    public static final String PROCESSING_GROUP = "interventions-from-lamp-failures";

    public static String interventionIdFor(String failureId) {
        return "INT-" + failureId;
    }

    static Priority priorityOf(FailureKind kind) {
        return switch (kind) {
            case COLUMN_DAMAGE -> Priority.P1;
            case SUPPLY_LOSS -> Priority.P2;
            default -> Priority.P3;
        };
    }

    /**
     * The event says where the point stands, so the policy needs no read model. A failure recorded before it
     * did (revision 1, upcast with no location) cannot be placed: it is refused and parked as a dead letter.
     */
    @EventHandler
    @DisallowReplay
    void on(LampFailureReported event, CommandGateway commands, ContractTermsInForce contract) {
        if (!event.locationKnown()) {
            throw new IllegalStateException("Failure " + event.failureId() + " carries no location (revision 1)");
        }
        boolean cabinetWide = event.kind() == FailureKind.SUPPLY_LOSS;
        String point = event.lightPointId().value();
        Priority priority = priorityOf(event.kind());
        String interventionId = interventionIdFor(event.failureId());
        TermsVersion terms = contract.at(event.reportedAt());
        OpenIntervention open = new OpenIntervention(interventionId, InterventionSource.LAMP_FAILURE,
                cabinetWide ? null : event.failureId(), cabinetWide ? event.cabinetId().value() : point,
                Category.LIGHTING, event.commune(), event.position(), priority, terms.terms().deadlinesFor(priority),
                terms.version(), event.reportedAt());
        String covering = CoveringInterventions.openOrFindCovering(commands, open, getClass());
        if (cabinetWide || !covering.equals(interventionId)) {
            PolicyCommands.send(commands, new AttachFault(covering, point, event.failureId(), event.reportedAt()), getClass());
        }
    }
}
