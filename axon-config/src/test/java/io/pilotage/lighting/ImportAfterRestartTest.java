package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import io.pilotage.TestIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An import cut short by a node stop does not stay RUNNING: a node that stops in order ends its imports
 * itself, and one that died has them ended when the application starts again, not an interval later (the
 * periodic sweep is set to an hour here, so only the sweep at start-up can end them).
 */
class ImportAfterRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PilotageApplication.class).run("--server.port=0",
                "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--pilotage.import.sweep-interval=PT1H", "--pilotage.import.batch-size=20", "--pilotage.import.concurrency=1");
    }

    private static Api supervisor(ConfigurableApplicationContext app) {
        return new Api(((WebServerApplicationContext) app).getWebServer().getPort(), "supervisor");
    }

    private static JsonNode awaitStatus(Api api, String importId, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/lighting/imports/" + importId),
                response -> response.status() == 200 && response.json().path("status").asText().equals(status)).json();
    }

    @Test
    void givenAnImportRunningWhenTheNodeStopped_whenTheApplicationStartsAgain_thenTheImportEndsWithItsReason() {
        String importId = TestIds.next("IMP");
        try (ConfigurableApplicationContext first = start()) {
            InterruptedImportsTest.leaveRunning(first.getBean(CommandGateway.class), importId);
            awaitStatus(supervisor(first), importId, "RUNNING");
        }

        try (ConfigurableApplicationContext second = start()) {
            JsonNode ended = awaitStatus(supervisor(second), importId, "ABANDONED");

            assertThat(ended.path("abandonReason").asText()).isEqualTo(InterruptedImportSweeper.REASON);
        }
    }

    @Test
    void givenAnImportRunning_whenTheApplicationStopsInOrder_thenTheNodeEndsItWithTheRowsItReached() {
        String p = TestIds.next("STOP");
        StringBuilder csv = new StringBuilder("light_point_id;commune;latitude;longitude;cabinet_id;rated_power_w;legacy_power_w;technology\n");
        for (int row = 1; row <= 20_000; row++) {
            csv.append("%1$s-%2$d;Dijon;47.3220;5.0415;CAB-%1$s;40;150;LED\n".formatted(p, row));
        }
        String importId;
        try (ConfigurableApplicationContext first = start()) {
            Api supervisor = supervisor(first);
            Api.Response accepted = supervisor.post("/api/lighting/imports", "text/csv",
                    csv.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            importId = accepted.json().path("importId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.get("/api/lighting/imports/" + importId).json()
                    .path("processedRows").asInt() > 0);
        }

        try (ConfigurableApplicationContext second = start()) {
            JsonNode ended = awaitStatus(supervisor(second), importId, "ABANDONED");

            int reached = ended.path("processedRows").asInt();
            assertThat(reached).isBetween(1, 19_999);
            assertThat(ended.path("abandonReason").asText()).as("recorded by the stopping node, not by the sweeper")
                    .isEqualTo(InterruptedImportSweeper.REASON + " after " + reached + " rows");
        }
    }
}
