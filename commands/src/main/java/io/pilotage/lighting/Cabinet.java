package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.lighting.CabinetCommands.RecordEnergyReading;
import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.LightingRules.EnergyReadingsMustMoveForward;
import io.pilotage.lighting.LightingRules.EnergyReadingsMustNotOverlap;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A control cabinet and its energy meter. A meter reports every 15 minutes, so a cabinet collects about
 * 35,000 events a year: it is snapshotted, and keeps only the last reading its rules look at.
 */
@Aggregate(snapshotTriggerDefinition = "cabinetSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Cabinet {

    @AggregateIdentifier
    private String cabinetId;
    private Commune commune;
    private Instant lastStart;
    private Instant lastEnd;
    private long lastEnergyWh;

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
     * Meters resend readings after a link outage, so the exact repeat of the last reading is absorbed;
     * anything else that does not move forward is refused.
     */
    @CommandHandler
    public boolean handle(RecordEnergyReading command) {
        if (lastEnd != null) {
            boolean repeat = command.intervalStart().equals(lastStart) && command.intervalEnd().equals(lastEnd)
                    && command.energyWh() == lastEnergyWh;
            if (repeat) {
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
    }
}
