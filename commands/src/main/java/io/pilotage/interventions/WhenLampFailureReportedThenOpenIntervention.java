package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

/**
 * Every lamp failure becomes work: one intervention per failure, whose id derives from the failure's, so a
 * redelivered event finds it already open and opens nothing. A damaged column is a danger (P1); a supply
 * loss darkens the points behind a cabinet (P2); anything else is a single point (P3).
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
    void on(LampFailureReported event, CommandGateway commands, ContractTerms terms) {
        if (!event.locationKnown()) {
            throw new IllegalStateException("Failure " + event.failureId() + " carries no location (revision 1)");
        }
        Priority priority = priorityOf(event.kind());
        OpenIntervention open = new OpenIntervention(interventionIdFor(event.failureId()), InterventionSource.LAMP_FAILURE,
                event.failureId(), event.lightPointId().value(), Category.LIGHTING, event.commune(), event.position(),
                priority, terms.forPriority(priority), event.reportedAt());
        try {
            PolicyCommands.send(commands, open, getClass());
        } catch (AggregateStreamCreationException alreadyOpen) {
            // The event was delivered before and its intervention exists: nothing more to open.
        }
    }
}
