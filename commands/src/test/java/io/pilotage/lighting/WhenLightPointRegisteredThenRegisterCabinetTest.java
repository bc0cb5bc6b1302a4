package io.pilotage.lighting;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.shared.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

class WhenLightPointRegisteredThenRegisterCabinetTest {

    @Test
    void givenLightPointRegistered_whenPolicyRuns_thenItRegistersItsCabinetAsThePolicy() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        new WhenLightPointRegisteredThenRegisterCabinet().on(LightPointTest.REGISTERED, gateway);

        assertThat(bus.getDispatchedCommands()).hasSize(1);
        CommandMessage<?> sent = bus.getDispatchedCommands().get(0);
        assertThat(sent.getPayload()).isEqualTo(new RegisterCabinet(new CabinetId("CAB-DIJ-001"), Commune.DIJON,
                LightPointTest.T0));
        assertThat(sent.getMetaData()).containsEntry(MetadataKeys.CHANNEL, "policy")
                .containsEntry(MetadataKeys.ACTOR_ROLE, "SYSTEM");
    }

    @Test
    void givenACabinetAlreadyRegisteredByThisPolicy_whenAnotherPointNamesIt_thenNoCommand() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet();

        policy.on(LightPointTest.REGISTERED, gateway);
        policy.on(new LightPointEvent.LightPointRegistered(new LightPointId("LP-DIJ-000043"), Commune.DIJON,
                new GeoPosition(47.32, 5.04), new CabinetId("CAB-DIJ-001"), 40, 150, LampTechnology.LED,
                LightPointTest.T0), gateway);

        assertThat(bus.getDispatchedCommands()).hasSize(1);
    }
}
