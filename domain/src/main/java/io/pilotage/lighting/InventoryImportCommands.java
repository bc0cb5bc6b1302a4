package io.pilotage.lighting;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands that record the progress of one bulk import of the light-point inventory. */
public final class InventoryImportCommands {

    private InventoryImportCommands() {
    }

    public record StartInventoryImport(@TargetAggregateIdentifier String importId, ImportFormat format, String fileName,
                                       String contentSha256, int totalRows, Instant startedAt) {
        public StartInventoryImport {
            Identifiers.require(importId, "importId");
            InvalidValue.requireNonNull(format, "format");
            if (fileName != null) {
                Text.requireLine(fileName, "fileName", 255);
            }
            InvalidValue.require(totalRows >= 0, "totalRows", "cannot be negative");
            InvalidValue.requireNonNull(startedAt, "startedAt");
        }
    }

    /** Totals so far (not increments), so that a read model seeing the event twice stays right. */
    public record RecordImportProgress(@TargetAggregateIdentifier String importId, int processedRows, int registeredRows,
                                       int unchangedRows, int rejectedRows, List<ImportRowError> newErrors,
                                       Instant recordedAt) {
        public RecordImportProgress {
            newErrors = List.copyOf(newErrors);
        }
    }

    public record CompleteInventoryImport(@TargetAggregateIdentifier String importId, Instant completedAt) {
    }

    /** Ends an import that cannot go on (the node stopped, the file could not be read further). */
    public record AbandonInventoryImport(@TargetAggregateIdentifier String importId, String reason, Instant abandonedAt) {
    }
}
