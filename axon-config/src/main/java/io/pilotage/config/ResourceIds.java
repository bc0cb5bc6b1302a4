package io.pilotage.config;

import io.pilotage.lighting.Cabinet;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.SharedRules.IdNamesOneKindOfResource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps one id from naming two kinds of thing. Axon already refuses to create a stream whose id another
 * aggregate holds, but a light point names its cabinet before any cabinet stream exists (a policy registers it
 * later), so without a claim a point could name another point as its cabinet, or a crew take an id that a
 * cabinet is about to need. Each new stream's id, and each cabinet a point names, is claimed in
 * {@code resource_id} while the events are appended, in the same transaction: a claim of another kind refuses
 * the command with {@link IdNamesOneKindOfResource}, and nothing is written. Two transactions claiming one id at once
 * do not interleave: the second insert waits on the first's uncommitted row, then finds the first's claim (or, if
 * it rolled back, claims the id itself).
 */
@Component
class ResourceIds implements SmartInitializingSingleton {

    static final String CABINET = Cabinet.class.getSimpleName();

    private final ObjectProvider<EventBus> eventBus;
    private final JdbcTemplate jdbc;

    ResourceIds(ObjectProvider<EventBus> eventBus, JdbcTemplate jdbc) {
        this.eventBus = eventBus;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventBus.ifAvailable(bus -> bus.subscribe(this::claim));
    }

    /**
     * Claims in the order of the ids, not of the events: transactions that claim several new ids at once (inventory
     * imports register hundreds of points naming shared cabinets) then wait for each other instead of deadlocking.
     */
    private void claim(List<? extends EventMessage<?>> events) {
        Map<String, String> claims = new TreeMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getSequenceNumber() == 0 && domain.getType() != null) {
                claim(claims, domain.getAggregateIdentifier(), domain.getType());
            }
            if (event.getPayload() instanceof LightPointRegistered registered) {
                claim(claims, registered.cabinetId().value(), CABINET);
            }
        }
        claims.forEach(this::claim);
    }

    private static void claim(Map<String, String> claims, String id, String kind) {
        String other = claims.putIfAbsent(id, kind);
        if (other != null && !other.equals(kind)) {
            throw new RuleViolation(new IdNamesOneKindOfResource(id));
        }
    }

    private void claim(String id, String kind) {
        if (jdbc.update("INSERT INTO resource_id (id, kind) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id, kind) == 1) {
            return;
        }
        String holder = jdbc.queryForObject("SELECT kind FROM resource_id WHERE id = ?", String.class, id);
        if (!kind.equals(holder)) {
            throw new RuleViolation(new IdNamesOneKindOfResource(id));
        }
    }
}
