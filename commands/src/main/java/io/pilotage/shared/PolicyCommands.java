package io.pilotage.shared;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * How policies send commands: as the system ({@code system:<policy>}), through the policy channel. Correlation,
 * causation and the triggering event's id come from the event being handled, through the unit of work's
 * correlation data.
 */
public final class PolicyCommands {

    private PolicyCommands() {
    }

    public static <R> R send(CommandGateway commands, Object command, Class<?> policy) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                MetaData.with(MetadataKeys.ACTOR_ID, "system:" + policy.getSimpleName())
                        .and(MetadataKeys.ACTOR_ROLE, MetadataKeys.SYSTEM_ROLE)
                        .and(MetadataKeys.CHANNEL, Channel.POLICY.wireName())));
    }
}
