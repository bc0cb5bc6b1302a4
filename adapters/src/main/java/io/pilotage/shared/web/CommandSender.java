package io.pilotage.shared.web;

import io.pilotage.shared.Channel;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Sends commands with the metadata every event must carry: actor, role, channel and correlation id. */
@Component
public class CommandSender {

    private final CommandGateway commands;

    public CommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    /** Sends on behalf of the authenticated caller of the current request, through the API channel. */
    public <R> R send(Object command) {
        return send(command, Actor.current(Channel.API));
    }

    public <R> R send(Object command, Actor actor) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.metaData()));
    }
}
