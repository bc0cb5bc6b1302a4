package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.lighting.FailureKind;
import io.pilotage.shared.GeoPosition;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightingQueries.FindLightPoint;
import io.pilotage.lighting.LightingQueries.LightPointView;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
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

    /** Where the point stands comes from the status read model; until it has the point, the event is retried. */
    @EventHandler
    @DisallowReplay
    void on(LampFailureReported event, CommandGateway commands, QueryGateway queries, ContractTerms terms) {
        LightPointView point = queries.query(new FindLightPoint(event.lightPointId().value()),
                        ResponseTypes.optionalInstanceOf(LightPointView.class)).join()
                .orElseThrow(() -> new IllegalStateException("Light point not yet in the status read model; retrying"));
        Priority priority = priorityOf(event.kind());
        OpenIntervention open = new OpenIntervention(interventionIdFor(event.failureId()), InterventionSource.LAMP_FAILURE,
                event.failureId(), event.lightPointId().value(), Category.LIGHTING, point.commune(),
                new GeoPosition(point.latitude(), point.longitude()), priority, terms.forPriority(priority),
                event.reportedAt());
        try {
            PolicyCommands.send(commands, open, getClass());
        } catch (AggregateStreamCreationException alreadyOpen) {
            // The event was delivered before and its intervention exists: nothing more to open.
        }
    }

}
