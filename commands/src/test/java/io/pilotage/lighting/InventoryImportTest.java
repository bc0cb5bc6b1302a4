package io.pilotage.lighting;

import io.pilotage.lighting.InventoryImportCommands.CompleteInventoryImport;
import io.pilotage.lighting.InventoryImportCommands.RecordImportProgress;
import io.pilotage.lighting.InventoryImportCommands.StartInventoryImport;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportCompleted;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportProgressed;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportStarted;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryImportTest {

    static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    static final InventoryImportStarted STARTED = new InventoryImportStarted("IMP-1", ImportFormat.CSV, "points.csv", "abc", 3, T0);

    private AggregateTestFixture<InventoryImport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InventoryImport.class);
    }

    @Test
    void givenNothing_whenStart_thenStarted() {
        fixture.givenNoPriorActivity()
                .when(new StartInventoryImport("IMP-1", ImportFormat.CSV, "points.csv", "abc", 3, T0))
                .expectEvents(STARTED);
    }

    @Test
    void givenProgress_whenComplete_thenCompletedWithTheLastTotals() {
        List<ImportRowError> errors = List.of(new ImportRowError(3, "LP-3", "commune", "must be one of the 23 communes"));
        fixture.given(STARTED, new InventoryImportProgressed("IMP-1", 3, 1, 1, 1, errors, T0.plusSeconds(1)))
                .when(new CompleteInventoryImport("IMP-1", T0.plusSeconds(2)))
                .expectEvents(new InventoryImportCompleted("IMP-1", 3, 1, 1, 1, T0.plusSeconds(2)));
    }

    @Test
    void givenCompleted_whenProgress_thenImportMustBeRunning() {
        fixture.given(STARTED, new InventoryImportCompleted("IMP-1", 3, 3, 0, 0, T0.plusSeconds(2)))
                .when(new RecordImportProgress("IMP-1", 3, 3, 0, 0, List.of(), T0.plusSeconds(3)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
