package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.lighting.CabinetCommands.CorrectEnergyReading;
import io.pilotage.lighting.CabinetCommands.RecordEnergyReading;
import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.LightingRules.CorrectionNeedsARecordedReading;
import io.pilotage.lighting.LightingRules.EnergyReadingsMustMoveForward;
import io.pilotage.lighting.LightingRules.EnergyReadingsMustNotOverlap;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A control cabinet and its energy meter. A meter reports every 15 minutes, so a cabinet collects about
 * 35,000 events a year: it is snapshotted, and keeps only what its rules look at: the last reading as the meter
 * sent it, and the current value of the readings of the last {@link #CORRECTABLE_FOR} (about 38,000 entries),
 * which a correction names and replaces, held compactly ({@link RecentReadings}). Each revision discards snapshots
 * of an earlier shape (revision 1 held the readings as a map): such a cabinet is loaded from its events once and
 * snapshotted again.
 */
@Aggregate(snapshotTriggerDefinition = "cabinetSnapshotTrigger", cache = "cabinetCache")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Cabinet {

    @AggregateIdentifier
    private String cabinetId;
    private Commune commune;
    private Instant lastStart;
    private Instant lastEnd;
    private long lastEnergyWh;
    /** The readings of the correction window, with their current energy: compact, for the snapshot. */
    private RecentReadings readings = new RecentReadings();

    /**
     * How long before its latest reading a reading can still be corrected: a year's reconciliation and a margin.
     * Older ones are settled, and forgetting them keeps the cabinet's state (and snapshot) bounded.
     */
    public static final Duration CORRECTABLE_FOR = Duration.ofDays(400);

    protected Cabinet() {
    }

    /** The first light point that names a cabinet registers it; later ones change nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RegisterCabinet command) {
        if (cabinetId != null) {
            return false;
        }
        apply(new CabinetRegistered(command.cabinetId(), command.commune(), command.registeredAt()));
        return true;
    }

    /**
     * Meters resend readings after a link outage, and telemetry is delivered at least once, so the exact repeat of
     * the last reading, or of an earlier one as it stands, is absorbed; anything else that does not move forward is
     * refused.
     */
    @CommandHandler
    public boolean handle(RecordEnergyReading command) {
        if (lastEnd != null) {
            boolean repeat = command.intervalStart().equals(lastStart) && command.intervalEnd().equals(lastEnd)
                    && command.energyWh() == lastEnergyWh;
            if (repeat || isRecorded(command)) {
                return false;
            }
            if (!command.intervalEnd().isAfter(lastEnd)) {
                throw new RuleViolation(new EnergyReadingsMustMoveForward());
            }
            if (command.intervalStart().isBefore(lastEnd)) {
                throw new RuleViolation(new EnergyReadingsMustNotOverlap());
            }
        }
        apply(new EnergyReadingRecorded(command.cabinetId(), commune, command.intervalStart(), command.intervalEnd(),
                command.energyWh(), command.recordedAt()));
        return true;
    }

    /** An earlier reading redelivered as recorded (its interval and its current energy): a duplicate, not a correction. */
    private boolean isRecorded(RecordEnergyReading command) {
        if (command.intervalEnd().isAfter(lastEnd) || command.intervalStart().getNano() != 0) {
            return false;
        }
        RecentReadings.Reading reading = readings.find(command.intervalStart().getEpochSecond(),
                lastStart.getEpochSecond() - CORRECTABLE_FOR.toSeconds());
        return reading != null && reading.end() == command.intervalEnd().getEpochSecond() && command.intervalEnd().getNano() == 0
                && reading.wh() == command.energyWh();
    }

    /**
     * Replaces a reading's energy; the replaced value is the current one, so a correction of a correction replaces
     * the latest. A correction to the value the reading already has changes nothing.
     */
    @CommandHandler
    public boolean handle(CorrectEnergyReading command) {
        RecentReadings.Reading reading = lastStart == null ? null : readings.find(command.intervalStart().getEpochSecond(),
                lastStart.getEpochSecond() - CORRECTABLE_FOR.toSeconds());
        if (reading == null || command.intervalStart().getNano() != 0) {
            throw new RuleViolation(new CorrectionNeedsARecordedReading(command.intervalStart().toString(),
                    CORRECTABLE_FOR.toDays()));
        }
        Instant end = Instant.ofEpochSecond(reading.end());
        InvalidValue.require(command.energyWh() <= CabinetCommands.maxEnergyWh(Duration.between(command.intervalStart(), end)),
                "energyWh", "exceeds what a cabinet can draw over the interval (" + CabinetCommands.MAX_CABINET_POWER_W / 1000 + " kW)");
        if (command.energyWh() == reading.wh()) {
            return false;
        }
        apply(new EnergyReadingCorrected(command.cabinetId(), commune, command.intervalStart(), end, reading.wh(),
                command.energyWh(), command.reason(), command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(CabinetRegistered event) {
        cabinetId = event.cabinetId().value();
        commune = event.commune();
    }

    @EventSourcingHandler
    void on(EnergyReadingRecorded event) {
        lastStart = event.intervalStart();
        lastEnd = event.intervalEnd();
        lastEnergyWh = event.energyWh();
        long start = event.intervalStart().getEpochSecond();
        readings.add(start, event.intervalEnd().getEpochSecond(), event.energyWh());
        readings.forgetBefore(start - CORRECTABLE_FOR.toSeconds());
    }

    @EventSourcingHandler
    void on(EnergyReadingCorrected event) {
        readings.replace(event.intervalStart().getEpochSecond(), event.energyWh());
    }
}
