package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.lighting.InventoryImportCommands.RecordImportProgress;
import io.pilotage.lighting.InventoryImportCommands.StartInventoryImport;
import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An import whose node stopped does not stay RUNNING: the sweeper ends it with its reason, and leaves
 * alone an import that another node, still alive, is running (it holds the import's lock).
 */
@IntegrationTest
class InterruptedImportsTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    ImportLocks locks;

    @Autowired
    InterruptedImportSweeper sweeper;

    @Autowired
    JdbcTemplate jdbc;

    /** The events a node leaves when it stops in the middle of an import: started, some progress, no end. */
    static void leaveRunning(CommandGateway commands, String importId) {
        MetaData uploader = MetaData.with(MetadataKeys.ACTOR_ID, "supervisor").and(MetadataKeys.ACTOR_ROLE, "SUPERVISOR")
                .and(MetadataKeys.CHANNEL, Channel.IMPORT.wireName()).and(MetadataKeys.CORRELATION_ID, importId);
        Instant startedAt = Instant.now();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new StartInventoryImport(importId, ImportFormat.CSV,
                "inventory.csv", "0".repeat(64), 1000, startedAt)).andMetaData(uploader));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordImportProgress(importId, 500, 500, 0, 0,
                List.of(), startedAt.plusSeconds(1))).andMetaData(uploader));
    }

    private JsonNode awaitStatus(String importId, String status) {
        Api supervisor = new Api(port, "supervisor");
        return await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.get("/api/lighting/imports/" + importId),
                response -> response.status() == 200 && response.json().path("status").asText().equals(status)).json();
    }

    private long endings(String importId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                AND (payloadtype LIKE '%InventoryImportAbandoned' OR payloadtype LIKE '%InventoryImportCompleted')""",
                Long.class, importId);
    }

    @Test
    void givenAnImportLeftRunningByAStoppedNode_whenTheSweeperRuns_thenItEndsWithItsReason_butOneAnotherNodeRunsStaysRunning() {
        String orphan = TestIds.next("IMP");
        String elsewhere = TestIds.next("IMP");
        try (ImportLocks.Lock otherNode = locks.tryLock(elsewhere).orElseThrow()) {
            leaveRunning(commands, orphan);
            leaveRunning(commands, elsewhere);
            awaitStatus(orphan, "RUNNING");
            awaitStatus(elsewhere, "RUNNING");

            sweeper.sweep();

            JsonNode ended = awaitStatus(orphan, "ABANDONED");
            assertThat(ended.path("abandonReason").asText()).isEqualTo(InterruptedImportSweeper.REASON);
            assertThat(ended.path("processedRows").asInt()).isEqualTo(500);
            assertThat(endings(elsewhere)).isZero();
            assertThat(new Api(port, "supervisor").get("/api/lighting/imports/" + elsewhere).json().path("status").asText())
                    .isEqualTo("RUNNING");
            assertThat(locks.tryLock(elsewhere)).as("another session cannot take a held lock").isEmpty();
        }

        sweeper.sweep();

        assertThat(awaitStatus(elsewhere, "ABANDONED").path("abandonReason").asText())
                .as("once its node is gone, the other import is ended too").isEqualTo(InterruptedImportSweeper.REASON);
        assertThat(endings(orphan)).as("an import is ended once").isEqualTo(1);
    }
}
