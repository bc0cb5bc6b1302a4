package io.pilotage.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the PostgreSQL event store.
 *
 * @param gapTimeoutMillis        how old a gap in a tracking token may grow before Axon may clean it; readers stop
 *                                at the store's horizon ({@link EventStoreHorizon}), so this only bounds token size
 * @param maxGapOffset            how far behind the newest event a gap is still tracked
 * @param batchSize               events read per query by streaming processors
 * @param cabinetSnapshotThreshold events after which a cabinet is snapshotted
 * @param crewSnapshotThreshold    events after which a crew (positions every 30 s) is snapshotted
 * @param cachedCabinets           cabinets kept in memory between readings (Dijon has about 1,100)
 * @param intersectionSnapshotThreshold events after which an intersection (about 30 phase changes a minute) is
 *                                snapshotted
 */
@ConfigurationProperties("pilotage.event-store")
public record EventStoreProperties(@DefaultValue("600000") int gapTimeoutMillis,
                                   @DefaultValue("10000") int maxGapOffset,
                                   @DefaultValue("500") int batchSize,
                                   @DefaultValue("250") int cabinetSnapshotThreshold,
                                   @DefaultValue("500") int crewSnapshotThreshold,
                                   @DefaultValue("1200") int cachedCabinets,
                                   @DefaultValue("500") int intersectionSnapshotThreshold) {
}
