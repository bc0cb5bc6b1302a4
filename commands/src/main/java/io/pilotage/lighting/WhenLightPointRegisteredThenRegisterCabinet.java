package io.pilotage.lighting;

import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * The inventory names cabinets only through the light points they feed, so the first point that names a
 * cabinet makes it known; energy readings for a cabinet nobody named are refused.
 */
@Component
@ProcessingGroup(WhenLightPointRegisteredThenRegisterCabinet.PROCESSING_GROUP)
public class WhenLightPointRegisteredThenRegisterCabinet {

    public static final String PROCESSING_GROUP = "lighting-cabinet-registration";

    @EventHandler
    @DisallowReplay
    void on(LightPointRegistered event, CommandGateway commands) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new RegisterCabinet(event.cabinetId(), event.commune(), event.registeredAt()))
                .andMetaData(MetaData.with(MetadataKeys.ACTOR_ID, "policy:" + getClass().getSimpleName())
                        .and(MetadataKeys.ACTOR_ROLE, "SYSTEM")
                        .and(MetadataKeys.CHANNEL, Channel.POLICY.wireName())));
    }
}
