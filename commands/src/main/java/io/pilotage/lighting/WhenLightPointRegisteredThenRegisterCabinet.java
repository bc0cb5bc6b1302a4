package io.pilotage.lighting;

import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The inventory names cabinets only through the light points they feed, so the first point that names a
 * cabinet makes it known; energy readings for a cabinet nobody named are refused.
 */
@Component
@ProcessingGroup(WhenLightPointRegisteredThenRegisterCabinet.PROCESSING_GROUP)
public class WhenLightPointRegisteredThenRegisterCabinet {

    public static final String PROCESSING_GROUP = "lighting-cabinet-registration";
    private static final int MAX_REMEMBERED = 100_000;

    /**
     * Cabinets this node has registered or is registering. About 22 points share a cabinet, so an inventory import
     * would otherwise send 21 commands per cabinet that change nothing. Only a shortcut: forgetting is harmless
     * because registering a known cabinet changes nothing. A cabinet is claimed here before its command is sent (and
     * after the command is built, so that an event the command refuses leaves no claim), so that only one of this
     * node's segments registers it: two segments sending it at once each waited on the lock of
     * a cabinet the other one's batch held until it committed, which Axon refused as a deadlock. A claim whose
     * command fails, or whose batch rolls back, is dropped, so that the retried batch registers the cabinet.
     */
    private final Set<CabinetId> registered = ConcurrentHashMap.newKeySet();

    @EventHandler
    @DisallowReplay
    void on(LightPointRegistered event, CommandGateway commands) {
        CabinetId cabinet = event.cabinetId();
        if (registered.contains(cabinet)) {
            return;
        }
        RegisterCabinet registration = new RegisterCabinet(cabinet, event.commune(), event.registeredAt());
        if (registered.size() >= MAX_REMEMBERED) {
            registered.clear();
        }
        if (!registered.add(cabinet)) {
            return;
        }
        try {
            PolicyCommands.send(commands, registration, getClass());
        } catch (RuntimeException | Error failure) {
            registered.remove(cabinet);
            throw failure;
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().onRollback(rolledBack -> registered.remove(cabinet)));
    }
}
