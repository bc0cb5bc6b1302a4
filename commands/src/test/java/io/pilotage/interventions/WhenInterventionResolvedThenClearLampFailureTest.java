package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointId;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

class WhenInterventionResolvedThenClearLampFailureTest {

    static final Instant T0 = Instant.parse("2026-11-02T19:00:00Z");

    /**
     * Since an intervention's asset is optional and citizens' reports join interventions as faults held by a place or
     * by the report, a resolved lamp intervention may carry faults that are no light point: they are skipped instead
     * of parking the event for ever.
     */
    @Test
    void givenALampInterventionWithFaultsThatAreNoLightPoint_whenResolved_thenOnlyLightPointsAreRepaired() {
        RecordingCommandBus bus = new RecordingCommandBus();
        bus.setCallbackBehavior((command, metaData) -> List.of());
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        new WhenInterventionResolvedThenClearLampFailure().on(new InterventionResolved("INT-1", Resolution.REPAIRED,
                InterventionSource.LAMP_FAILURE, "F-1", null, "CREW-1", T0, List.of(
                        new AttachedFault("place:LIGHTING:1:2", "CIT-SR-1"), new AttachedFault("report:SR-2", "CIT-SR-2"),
                        new AttachedFault("LP-2", "F-3"))), gateway);

        List<Object> sent = bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
        assertThat(sent).containsExactly(new RecordLampRepair(new LightPointId("LP-2"), "F-3", T0));
    }
}
