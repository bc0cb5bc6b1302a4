package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Everything that can happen to a control cabinet. */
public sealed interface CabinetEvent {

    CabinetId cabinetId();

    @Revision("1")
    record CabinetRegistered(CabinetId cabinetId, Commune commune, Instant registeredAt) implements CabinetEvent {
    }

    @Revision("1")
    record EnergyReadingRecorded(CabinetId cabinetId, Commune commune, Instant intervalStart, Instant intervalEnd,
                                 long energyWh, Instant recordedAt) implements CabinetEvent {
    }
}
