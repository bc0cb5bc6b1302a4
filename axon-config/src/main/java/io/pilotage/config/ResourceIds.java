package io.pilotage.config;

import io.pilotage.lighting.Cabinet;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.SharedRules.IdNamesOneKindOfResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps one id from naming two kinds of thing. Axon already refuses to create a stream whose id another
 * aggregate holds, but a light point names its cabinet before any cabinet stream exists (a policy registers it
 * later), so without a claim a point could name another point as its cabinet, or a crew take an id that a
 * cabinet is about to need. Each new stream's id, and each cabinet a point names (unless this node has seen that
 * cabinet's claim commit), is claimed in {@code resource_id} just before the events are appended, in the same
 * transaction: a claim of another kind refuses the command with {@link IdNamesOneKindOfResource}, and nothing is
 * written. Two transactions claiming one id at once do not interleave: the second insert waits on the first's
 * uncommitted row, then finds the first's claim (or, if it rolled back, claims the id itself).
 *
 * <p>Claims run as the event bus's dispatch interceptor, which Axon calls while the root unit of work prepares its
 * commit, right before the event store appends: the insert and its fence (migration V30) come after the claim, so
 * the fence, which holds every tracking reader back until the transaction ends, is not up while a claim waits for
 * another transaction's row, nor during the claim's round trip. (As a subscriber, the claim ran after the append.)
 */
@Component
class ResourceIds implements SmartInitializingSingleton {

    static final String CABINET = Cabinet.class.getSimpleName();

    /** Enough for every cabinet of a metropole many times over; past it, cabinets are claimed every time again. */
    static final int CABINETS_REMEMBERED = 100_000;

    private final ObjectProvider<EventBus> eventBus;
    private final JdbcTemplate jdbc;
    /**
     * Cabinets whose claim has committed. A claim is never changed nor removed, so a point that names one of them
     * need not claim it again: that claim was a second statement (the kinds of the ids already held) in every
     * registration of a point, all of which name a known cabinet but the first.
     */
    private final Set<String> claimedCabinets = ConcurrentHashMap.newKeySet();

    ResourceIds(ObjectProvider<EventBus> eventBus, JdbcTemplate jdbc) {
        this.eventBus = eventBus;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(events -> {
            claim(events);
            return (index, event) -> event;
        }));
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
            if (event.getPayload() instanceof LightPointRegistered registered
                    && !claimedCabinets.contains(registered.cabinetId().value())) {
                claim(claims, registered.cabinetId().value(), CABINET);
            }
        }
        if (!claims.isEmpty()) {
            claimAll(claims);
            rememberCabinetsOnCommit(claims);
        }
    }

    /**
     * Once the transaction that claimed them commits, whoever inserted the rows: rolled back, nothing is kept. Claims
     * run while the root unit of work prepares its commit, outside any handler's savepoint, so a savepoint rolled
     * back cannot take a remembered claim with it. Past the bound, a batch of cabinets is not remembered.
     */
    private void rememberCabinetsOnCommit(Map<String, String> claims) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        List<String> cabinets = claims.entrySet().stream().filter(claim -> CABINET.equals(claim.getValue()))
                .map(Map.Entry::getKey).toList();
        if (cabinets.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (claimedCabinets.size() + cabinets.size() <= CABINETS_REMEMBERED) {
                    claimedCabinets.addAll(cabinets);
                }
            }
        });
    }

    /** One statement for all the claims of a transaction, inserted in id order; then the kinds of the ids already held. */
    private void claimAll(Map<String, String> claims) {
        String[] ids = claims.keySet().toArray(String[]::new);
        String[] kinds = claims.values().toArray(String[]::new);
        Set<String> claimed = new HashSet<>(jdbc.queryForList("""
                INSERT INTO resource_id (id, kind)
                SELECT id, kind FROM unnest(?::varchar[], ?::varchar[]) AS claim (id, kind) ORDER BY id
                ON CONFLICT (id) DO NOTHING RETURNING id""", String.class, ids, kinds));
        if (claimed.size() == ids.length) {
            return;
        }
        String[] held = claims.keySet().stream().filter(id -> !claimed.contains(id)).toArray(String[]::new);
        jdbc.query("SELECT id, kind FROM resource_id WHERE id = ANY (?)", (RowCallbackHandler) row -> {
            if (!claims.get(row.getString(1)).equals(row.getString(2))) {
                throw new RuleViolation(new IdNamesOneKindOfResource(row.getString(1)));
            }
        }, (Object) held);
    }

    /** Whether a point naming this cabinet skips its claim. */
    boolean remembers(String cabinet) {
        return claimedCabinets.contains(cabinet);
    }

    private static void claim(Map<String, String> claims, String id, String kind) {
        String other = claims.putIfAbsent(id, kind);
        if (other != null && !other.equals(kind)) {
            throw new RuleViolation(new IdNamesOneKindOfResource(id));
        }
    }
}
