package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.TestPayloads;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Conventions every endpoint shares: security, idempotency keys, metadata on events, observability. */
@IntegrationTest
class ApiConventionsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static String point(String id) {
        return TestPayloads.lightPoint(id, "CAB-DAIX-1", "Daix", 30);
    }

    private long events(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, aggregateId);
    }

    @Test
    void givenNoCredentials_whenCallingTheApi_then401ProblemButHealthIsPublic() {
        Api anonymous = new Api(port, null);
        Api.Response api = anonymous.get("/api/lighting/failures");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(new Api(port, null).with("Authorization", "Basic b3BlcmF0b3I6d3Jvbmc=")
                .get("/api/lighting/failures").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").body()).contains("/api/lighting/light-points/{id}/failures");
    }

    @Test
    void givenTheWrongRole_whenWriting_then403AndNothingWritten() {
        String id = TestIds.next("LP");
        Api.Response auditor = new Api(port, "auditor").post("/api/lighting/light-points", point(id));
        Api.Response dpo = new Api(port, "dpo").get("/api/lighting/failures");
        Api.Response operatorImport = new Api(port, "operator").post("/api/lighting/imports", "text/csv", "x".getBytes());

        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.json().path("type").asText()).endsWith("/forbidden");
        assertThat(dpo.status()).isEqualTo(403);
        assertThat(operatorImport.status()).isEqualTo(403);
        assertThat(events(id)).isZero();
        assertThat(new Api(port, "auditor").get("/api/lighting/failures").status()).isEqualTo(200);
    }

    @Test
    void givenAnIdempotencyKey_whenTheRequestIsRetried_thenTheFirstOutcomeIsReplayedAndNothingMoreWritten() {
        String id = TestIds.next("LP");
        String key = TestIds.next("key");
        Api operator = new Api(port, "operator").with("Idempotency-Key", key);

        Api.Response first = operator.post("/api/lighting/light-points", point(id));
        Api.Response retry = operator.post("/api/lighting/light-points", point(id));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void givenAnIdempotencyKey_whenReusedForAnotherRequest_then422() {
        String key = TestIds.next("key");
        Api operator = new Api(port, "operator").with("Idempotency-Key", key);
        operator.post("/api/lighting/light-points", point(TestIds.next("LP")));

        String other = TestIds.next("LP");
        Api.Response reused = operator.post("/api/lighting/light-points", point(other));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(events(other)).isZero();
        assertThat(new Api(port, "operator").with("Idempotency-Key", "bad key").post("/api/lighting/light-points",
                point(TestIds.next("LP"))).status()).isEqualTo(400);
    }

    @Test
    void givenTheSameKeySentConcurrently_whenAllArrive_thenOneExecutesAndTheOthersWaitForItsOutcome() throws Exception {
        String id = TestIds.next("LP");
        String key = TestIds.next("key");
        Api operator = new Api(port, "operator").with("Idempotency-Key", key);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> operator.post("/api/lighting/light-points", point(id)));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<Api.Response> result : pool.invokeAll(calls)) {
            Api.Response response = result.get();
            outcomes.add(response.status() + ("true".equals(response.header("Idempotent-Replayed")) ? " replayed" : ""));
        }
        pool.shutdown();

        assertThat(outcomes).isSubsetOf("201", "201 replayed");
        assertThat(outcomes).filteredOn("201"::equals).hasSize(1);
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void givenACommandThroughTheApi_thenItsEventCarriesActorRoleChannelCorrelationAndCausation() throws Exception {
        String id = TestIds.next("LP");
        String correlationId = TestIds.next("corr");
        Api.Response response = new Api(port, "supervisor").with("X-Correlation-Id", correlationId)
                .post("/api/lighting/light-points", point(id));
        assertThat(response.header("X-Correlation-Id")).isEqualTo(correlationId);

        byte[] metadata = jdbc.queryForObject("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class, id);
        JsonNode meta = new ObjectMapper().readTree(metadata);

        assertThat(meta.path("actorId").asText()).isEqualTo("supervisor");
        assertThat(meta.path("actorRole").asText()).isEqualTo("SUPERVISOR");
        assertThat(meta.path("channel").asText()).isEqualTo("api");
        assertThat(meta.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(meta.path("causationId").asText()).isNotBlank().isNotEqualTo(correlationId);
    }

    @Test
    void givenTheRunningApplication_thenPrometheusShowsCommandAndProcessorMetricsToAdminsOnly() {
        new Api(port, "operator").post("/api/lighting/light-points", point(TestIds.next("LP")));

        assertThat(new Api(port, "operator").get("/actuator/prometheus").status()).isEqualTo(403);
        // Axon's command bus meters appear once it has handled the write; processors are watched by position against the head.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response metrics = new Api(port, "admin").get("/actuator/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("commandBus").contains("http_server_requests").contains("pilotage_event_store_head")
                    .containsPattern("pilotage_processor_position\\{[^}]*processor=\"lighting-read-models\"[^}]*} [0-9]");
        });
    }
}
