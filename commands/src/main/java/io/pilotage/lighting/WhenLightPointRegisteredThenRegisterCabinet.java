package io.pilotage.lighting;

import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.shared.PolicyCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
     * Cabinets this node has registered, in batches that committed. About 22 points share a cabinet, so an inventory
     * import would otherwise send 21 commands per cabinet that change nothing. Only a shortcut: forgetting is harmless
     * because registering a known cabinet changes nothing, so past {@code maxRemembered} it is cleared.
     */
    private final Set<CabinetId> registered = ConcurrentHashMap.newKeySet();
    /**
     * Cabinets whose registration is in flight: claimed before the command is sent (and after it is built, so that an
     * event the command refuses leaves no claim) and held until the batch that sent it ends, so that only one of this
     * node's segments registers a cabinet at a time. Two segments sending it at once each waited on the lock of a
     * cabinet the other one's batch held until it committed, which Axon refused as a deadlock. Never cleared with the
     * registered cabinets: a claim dropped while its batch still holds the lock would let that wait happen again. A
     * claim whose command fails, or whose batch rolls back, is dropped without being remembered, so that the retried
     * batch registers the cabinet.
     */
    private final Set<CabinetId> inFlight = ConcurrentHashMap.newKeySet();
    private final int maxRemembered;

    public WhenLightPointRegisteredThenRegisterCabinet() {
        this(MAX_REMEMBERED);
    }

    WhenLightPointRegisteredThenRegisterCabinet(int maxRemembered) {
        this.maxRemembered = maxRemembered;
    }

    @EventHandler
    @DisallowReplay
    void on(LightPointRegistered event, CommandGateway commands) {
        CabinetId cabinet = event.cabinetId();
        if (registered.contains(cabinet)) {
            return;
        }
        RegisterCabinet registration = new RegisterCabinet(cabinet, event.commune(), event.registeredAt());
        if (!inFlight.add(cabinet)) {
            return;
        }
        try {
            PolicyCommands.send(commands, registration, getClass());
        } catch (RuntimeException | Error failure) {
            inFlight.remove(cabinet);
            throw failure;
        }
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            batch.afterCommit(committed -> remember(cabinet));
            batch.onCleanup(ended -> inFlight.remove(cabinet));
        } else {
            remember(cabinet);
            inFlight.remove(cabinet);
        }
    }

    private void remember(CabinetId cabinet) {
        if (registered.size() >= maxRemembered) {
            registered.clear();
        }
        registered.add(cabinet);
    }
}
