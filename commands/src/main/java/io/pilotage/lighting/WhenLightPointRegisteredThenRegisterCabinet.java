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
     * Cabinets this node has registered. About 22 points share a cabinet, so an inventory import would otherwise send
     * 21 commands per cabinet that change nothing. Only a shortcut: forgetting is harmless because registering a known
     * cabinet changes nothing. A cabinet is remembered as soon as its command succeeds, so that the group's other
     * segments skip it at once (waiting for the batch to commit had them register it too, waiting on its aggregate's
     * lock, which the registering batch holds until it commits: Axon refused such waits as deadlocks), and forgotten
     * again if the batch rolls back, so that the retried batch registers it.
     */
    private final Set<CabinetId> registered = ConcurrentHashMap.newKeySet();

    @EventHandler
    @DisallowReplay
    void on(LightPointRegistered event, CommandGateway commands) {
        if (registered.contains(event.cabinetId())) {
            return;
        }
        PolicyCommands.send(commands, new RegisterCabinet(event.cabinetId(), event.commune(), event.registeredAt()), getClass());
        if (registered.size() >= MAX_REMEMBERED) {
            registered.clear();
        }
        registered.add(event.cabinetId());
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().onRollback(rolledBack -> registered.remove(event.cabinetId())));
    }
}
