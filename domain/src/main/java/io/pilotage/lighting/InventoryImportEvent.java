package io.pilotage.lighting;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that can happen to one bulk import of the inventory. */
public sealed interface InventoryImportEvent {

    String importId();

    @Revision("1")
    record InventoryImportStarted(String importId, ImportFormat format, String fileName, String contentSha256,
                                  int totalRows, Instant startedAt) implements InventoryImportEvent {
    }

    @Revision("1")
    record InventoryImportProgressed(String importId, int processedRows, int registeredRows, int unchangedRows,
                                     int rejectedRows, List<ImportRowError> newErrors,
                                     Instant recordedAt) implements InventoryImportEvent {
    }

    @Revision("1")
    record InventoryImportCompleted(String importId, int processedRows, int registeredRows, int unchangedRows,
                                    int rejectedRows, Instant completedAt) implements InventoryImportEvent {
    }

    @Revision("1")
    record InventoryImportAbandoned(String importId, String reason, Instant abandonedAt) implements InventoryImportEvent {
    }
}
