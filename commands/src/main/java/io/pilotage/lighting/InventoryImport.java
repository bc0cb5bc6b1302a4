package io.pilotage.lighting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pilotage.lighting.InventoryImportCommands.AbandonInventoryImport;
import io.pilotage.lighting.InventoryImportCommands.CompleteInventoryImport;
import io.pilotage.lighting.InventoryImportCommands.RecordImportProgress;
import io.pilotage.lighting.InventoryImportCommands.StartInventoryImport;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportAbandoned;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportCompleted;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportProgressed;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportStarted;
import io.pilotage.lighting.LightingRules.ImportMustBeRunning;
import io.pilotage.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One bulk import of the light-point inventory. Its events are the import's report: progress while it
 * runs, the rows it refused and why, and how it ended.
 */
@Aggregate
public class InventoryImport {

    @AggregateIdentifier
    private String importId;
    private boolean running;
    private int processedRows;
    private int registeredRows;
    private int unchangedRows;
    private int rejectedRows;

    protected InventoryImport() {
    }

    @CommandHandler
    public InventoryImport(StartInventoryImport command) {
        apply(new InventoryImportStarted(command.importId(), command.format(), command.fileName(),
                command.contentSha256(), command.totalRows(), command.startedAt()));
    }

    @CommandHandler
    public void handle(RecordImportProgress command) {
        requireRunning();
        apply(new InventoryImportProgressed(importId, command.processedRows(), command.registeredRows(),
                command.unchangedRows(), command.rejectedRows(), command.newErrors(), command.recordedAt()));
    }

    @CommandHandler
    public void handle(CompleteInventoryImport command) {
        requireRunning();
        apply(new InventoryImportCompleted(importId, processedRows, registeredRows, unchangedRows, rejectedRows,
                command.completedAt()));
    }

    @CommandHandler
    public void handle(AbandonInventoryImport command) {
        requireRunning();
        apply(new InventoryImportAbandoned(importId, command.reason(), command.abandonedAt()));
    }

    private void requireRunning() {
        if (!running) {
            throw new RuleViolation(new ImportMustBeRunning());
        }
    }

    @EventSourcingHandler
    void on(InventoryImportStarted event) {
        importId = event.importId();
        running = true;
    }

    @EventSourcingHandler
    void on(InventoryImportProgressed event) {
        processedRows = event.processedRows();
        registeredRows = event.registeredRows();
        unchangedRows = event.unchangedRows();
        rejectedRows = event.rejectedRows();
    }

    @EventSourcingHandler
    void on(InventoryImportCompleted event) {
        running = false;
    }

    @EventSourcingHandler
    void on(InventoryImportAbandoned event) {
        running = false;
    }
}
