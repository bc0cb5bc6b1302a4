package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A deadline survives a restart: a P1 is opened under terms that make it safe within 20 seconds, the
 * application stops before then, and the application started again records the miss when the persisted
 * deadline fires. Both runs shift the application's clock, behind or ahead of the real time the deadline
 * manager fires on: the deadline must fire when that clock says the step is due, neither early (and be
 * dropped) nor late by the offset.
 */
class DeadlineAfterRestartTest {

    static final Duration LEAD = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    /**
     * Always on a database of its own, also when the suite runs against an external server: another application
     * on the same database (the suite's shared context) would run this deadline under its own clock offset.
     */
    private ConfigurableApplicationContext start(Duration clockOffset) {
        return start(clockOffset, LEAD);
    }

    private ConfigurableApplicationContext start(Duration clockOffset, Duration makeSafe) {
        return new SpringApplicationBuilder(PilotageApplication.class).run("--server.port=0", "--spring.datasource.url=",
                "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--pilotage.clock.offset=" + clockOffset, "--pilotage.contract.p1-make-safe=" + makeSafe);
    }

    /**
     * A deadline already overdue when the application starts runs at the scheduler's first poll. It must run in the
     * started application: with the audit keys every event carries, which Axon's deadline manager only adds once
     * the context has registered its interceptor.
     */
    @Test
    void givenAP1WhoseMakeSafeDeadlineIsOverdueAtStart_whenRestarted_thenTheMissCarriesItsAuditKeys() throws Exception {
        Duration makeSafe = Duration.ofSeconds(2);
        String id;
        try (ConfigurableApplicationContext first = start(Duration.ZERO, makeSafe)) {
            id = InterventionsApiTest.openIntervention(operator(first), "p1", "lighting");
        }
        Thread.sleep(makeSafe.plusSeconds(2).toMillis());

        try (ConfigurableApplicationContext second = start(Duration.ZERO, makeSafe)) {
            Api operator = operator(second);
            await().atMost(Duration.ofSeconds(60)).until(() -> operator.get("/api/interventions/" + id).json(),
                    node -> node.path("missedDeadlines").toString().contains("MAKE_SAFE"));
            JsonNode meta = metadataOf(second.getBean(JdbcTemplate.class), id, "DeadlineMissed");
            assertThat(meta.path("actorId").asText()).isEqualTo("system:deadlines");
            assertThat(meta.path("channel").asText()).isEqualTo("deadline");
            assertThat(meta.path("correlationId").asText()).isNotBlank();
            assertThat(meta.path("triggeringEventId").asText()).isNotBlank();
        }
    }

    private static Api operator(ConfigurableApplicationContext app) {
        return new Api(((WebServerApplicationContext) app).getWebServer().getPort(), "operator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-PT2H", "PT2H"})
    void givenAP1WhoseMakeSafeDeadlineFallsWhileStopped_whenRestarted_thenTheMissIsRecordedWhenDue(Duration clockOffset)
            throws IOException {
        String id;
        Instant stoppedAt;
        try (ConfigurableApplicationContext first = start(clockOffset)) {
            id = InterventionsApiTest.openIntervention(operator(first), "p1", "lighting");
            long scheduled = first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                    Long.class, id);
            assertThat(scheduled).as("make-safe and repair deadlines are persisted").isEqualTo(2);
            stoppedAt = Instant.now();
        }
        assertThat(Duration.between(stoppedAt, Instant.now())).isLessThan(LEAD);

        try (ConfigurableApplicationContext second = start(clockOffset)) {
            Api operator = operator(second);
            JsonNode intervention = await().atMost(Duration.ofSeconds(60)).until(
                    () -> operator.get("/api/interventions/" + id).json(),
                    node -> node.path("missedDeadlines").toString().contains("MAKE_SAFE"));
            assertThat(intervention.path("overdue").asBoolean()).isTrue();
            byte[] payload = second.getBean(JdbcTemplate.class).queryForObject("""
                    SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%DeadlineMissed'""",
                    byte[].class, id);
            JsonNode missed = new ObjectMapper().readTree(payload);
            assertThat(missed.path("kind").asText()).isEqualTo("MAKE_SAFE");
            Instant due = Instant.parse(missed.path("dueAt").asText());
            assertThat(due).as("the board's due time, to the storage's precision")
                    .isCloseTo(Instant.parse(intervention.path("makeSafeDueAt").asText()), within(1, ChronoUnit.MILLIS));
            assertThat(Duration.between(due, Instant.parse(missed.path("recordedAt").asText())))
                    .as("recorded when due on the application's clock, not an offset later")
                    .isLessThan(Duration.ofMinutes(5));
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

    private static JsonNode metadataOf(JdbcTemplate jdbc, String aggregateId, String type) throws IOException {
        return new ObjectMapper().readTree(jdbc.queryForObject(
                "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                byte[].class, aggregateId, "%" + type));
    }
}
