package io.pilotage.lighting.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.TestPayloads;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Resetting the read model and replaying the event store rebuilds exactly the same tables. */
@IntegrationTest
class LightPointStatusReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    /** Rows backed by events; the plain-object projection tests write rows that no event stands behind. */
    private List<Map<String, Object>> snapshot() {
        return jdbc.queryForList("""
                SELECT p.*, (SELECT string_agg(f.failure_id || ':' || f.kind, ',' ORDER BY f.failure_id)
                             FROM rm_lighting_light_point_failure f WHERE f.light_point_id = p.light_point_id) AS failures
                FROM rm_lighting_light_point p
                WHERE p.light_point_id IN (SELECT aggregateidentifier FROM domainevententry)
                ORDER BY p.light_point_id""");
    }

    @Test
    void givenAHistory_whenTheReadModelIsResetAndReplayed_thenItHoldsTheSameRows() {
        Api operator = new Api(port, "operator");
        String id = TestIds.next("LPR");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(id, "CAB-SEN-1", "Sennecey-lès-Dijon", 50));
        operator.post("/api/lighting/light-points/" + id + "/failures", "{\"kind\":\"relayFailure\",\"source\":\"telemetry\"}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                operator.get("/api/lighting/light-points/" + id).body().contains("defectiveLamp"));
        List<Map<String, Object>> before = snapshot();

        StreamingEventProcessor processor = processing
                .eventProcessor(LightPointStatusProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rm_lighting_light_point", Long.class)).isZero();
        processor.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> snapshot().equals(before));
        assertThat(snapshot()).isNotEmpty().isEqualTo(before);
    }
}
