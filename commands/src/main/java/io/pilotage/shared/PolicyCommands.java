package io.pilotage.shared;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * How policies send commands: as the system, through the policy channel, naming the policy as actor.
 * Correlation and causation come from the event being handled.
 */
public final class PolicyCommands {

    private PolicyCommands() {
    }

    public static <R> R send(CommandGateway commands, Object command, Class<?> policy) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                MetaData.with(MetadataKeys.ACTOR_ID, "policy:" + policy.getSimpleName())
                        .and(MetadataKeys.ACTOR_ROLE, "SYSTEM")
                        .and(MetadataKeys.CHANNEL, Channel.POLICY.wireName())));
    }
}
