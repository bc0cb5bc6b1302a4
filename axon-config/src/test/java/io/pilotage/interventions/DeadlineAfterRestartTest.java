package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A deadline survives a restart: a P1 is opened with the clock set so that its make-safe deadline falls
 * 20 seconds later, the application stops before then, and the application started again records the
 * miss when the persisted deadline fires.
 */
class DeadlineAfterRestartTest {

    static final Duration LEAD = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String clockOffset) {
        return new SpringApplicationBuilder(PilotageApplication.class).run("--server.port=0",
                "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--pilotage.clock.offset=" + clockOffset);
    }

    private static Api operator(ConfigurableApplicationContext app) {
        return new Api(((WebServerApplicationContext) app).getWebServer().getPort(), "operator");
    }

    @Test
    void givenAP1WhoseMakeSafeDeadlineFallsWhileStopped_whenRestarted_thenTheMissIsRecorded() {
        String id;
        Instant stoppedAt;
        try (ConfigurableApplicationContext first = start(Duration.ofHours(2).minus(LEAD).negated().toString())) {
            id = InterventionsApiTest.openIntervention(operator(first), "p1", "lighting");
            long scheduled = first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                    Long.class, id);
            assertThat(scheduled).as("make-safe and repair deadlines are persisted").isEqualTo(2);
            stoppedAt = Instant.now();
        }
        assertThat(Duration.between(stoppedAt, Instant.now())).isLessThan(LEAD);

        try (ConfigurableApplicationContext second = start("PT0S")) {
            Api operator = operator(second);
            JsonNode intervention = await().atMost(Duration.ofSeconds(60)).until(
                    () -> operator.get("/api/interventions/" + id).json(),
                    node -> node.path("missedDeadlines").toString().contains("MAKE_SAFE"));
            assertThat(intervention.path("overdue").asBoolean()).isTrue();
            byte[] payload = second.getBean(JdbcTemplate.class).queryForObject("""
                    SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%DeadlineMissed'""",
                    byte[].class, id);
            assertThat(new String(payload)).contains("MAKE_SAFE").contains("\"delay\"");
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            JsonNode meta = metadataOf(jdbc, id, "DeadlineMissed");
            assertThat(meta.path("actorId").asText()).isEqualTo("system:deadlines");
            assertThat(meta.path("actorRole").asText()).isEqualTo("SYSTEM");
            assertThat(meta.path("channel").asText()).isEqualTo("deadline");
            assertThat(meta.path("commandName").asText()).isEqualTo("deadline:make-safe");
            assertThat(meta.path("commandId").asText()).isNotBlank();
            assertThat(meta.path("correlationId").asText()).isEqualTo(metadataOf(jdbc, id, "InterventionOpened")
                    .path("correlationId").asText());
            assertThat(meta.path("triggeringEventId").asText()).isEqualTo(jdbc.queryForObject("""
                    SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%InterventionOpened'""",
                    String.class, id));
        }
    }

    private static JsonNode metadataOf(JdbcTemplate jdbc, String aggregateId, String type) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(jdbc.queryForObject(
                    "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                    byte[].class, aggregateId, "%" + type));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
