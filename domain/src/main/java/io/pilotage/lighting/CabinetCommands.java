package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one control cabinet and its energy meter. */
public final class CabinetCommands {

    /** Upper bound of a cabinet's draw; a reading above it is a meter or typing error, not a fact. */
    public static final long MAX_CABINET_POWER_W = 250_000;
    public static final Duration MAX_READING_INTERVAL = Duration.ofDays(31);

    private CabinetCommands() {
    }

    public record RegisterCabinet(@TargetAggregateIdentifier CabinetId cabinetId, Commune commune, Instant registeredAt) {
        public RegisterCabinet {
            InvalidValue.requireNonNull(cabinetId, "cabinetId");
            InvalidValue.requireNonNull(commune, "commune");
            InvalidValue.requireNonNull(registeredAt, "registeredAt");
        }
    }

    /** Energy the cabinet's meter measured over [intervalStart, intervalEnd), in watt-hours. */
    public record RecordEnergyReading(@TargetAggregateIdentifier CabinetId cabinetId, Instant intervalStart,
                                      Instant intervalEnd, long energyWh, Instant recordedAt) {
        public RecordEnergyReading {
            InvalidValue.requireNonNull(cabinetId, "cabinetId");
            InvalidValue.requireNonNull(intervalStart, "intervalStart");
            InvalidValue.requireNonNull(intervalEnd, "intervalEnd");
            InvalidValue.requireNonNull(recordedAt, "recordedAt");
            InvalidValue.require(intervalEnd.isAfter(intervalStart), "intervalEnd", "must be after intervalStart");
            Duration length = Duration.between(intervalStart, intervalEnd);
            InvalidValue.require(length.compareTo(MAX_READING_INTERVAL) <= 0, "intervalEnd", "a reading covers at most 31 days");
            InvalidValue.require(!intervalEnd.isAfter(recordedAt.plusSeconds(300)), "intervalEnd", "cannot be in the future");
            InvalidValue.require(energyWh >= 0, "kwh", "cannot be negative");
            InvalidValue.require(energyWh <= maxEnergyWh(length), "kwh",
                    "exceeds what a cabinet can draw over the interval (" + MAX_CABINET_POWER_W / 1000 + " kW)");
        }
    }

    /**
     * Replaces the energy of the reading that started at {@code intervalStart} with {@code energyWh}, for
     * {@code reason}: the recorded reading stays in the history, every read model uses the corrected value.
     */
    public record CorrectEnergyReading(@TargetAggregateIdentifier CabinetId cabinetId, Instant intervalStart,
                                       long energyWh, String reason, Instant at) {
        public CorrectEnergyReading {
            InvalidValue.requireNonNull(cabinetId, "cabinetId");
            InvalidValue.requireNonNull(intervalStart, "intervalStart");
            InvalidValue.require(energyWh >= 0, "energyWh", "cannot be negative");
            Text.requireLine(reason, "reason", 500);
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** Most a cabinet can draw over {@code length}: more is a meter or typing error. */
    public static long maxEnergyWh(Duration length) {
        return Math.max(MAX_CABINET_POWER_W * length.toSeconds() / 3600, 1);
    }
}
