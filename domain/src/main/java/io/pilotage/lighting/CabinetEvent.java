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

    /**
     * A recorded reading's energy replaced: {@code replacedEnergyWh} is the value it had until now (the meter's, or
     * an earlier correction's), {@code energyWh} the value every read model uses from now on.
     */
    @Revision("1")
    record EnergyReadingCorrected(CabinetId cabinetId, Commune commune, Instant intervalStart, Instant intervalEnd,
                                  long replacedEnergyWh, long energyWh, String reason, Instant at) implements CabinetEvent {
    }
}
