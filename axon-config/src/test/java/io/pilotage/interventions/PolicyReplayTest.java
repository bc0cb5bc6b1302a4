package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotage.TestPayloads;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Policies never act twice on history: their handlers are {@code @DisallowReplay}, so Axon refuses to
 * reset their processors at all, and nothing is sent again.
 */
@IntegrationTest
class PolicyReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private long interventionEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE 'io.pilotage.interventions.%'",
                Long.class);
    }

    @Test
    void givenFailuresThatOpenedInterventions_whenAReplayOfThePolicyIsAsked_thenItIsRefusedAndNothingIsOpenedAgain() {
        Api operator = new Api(port, "operator");
        String point = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-BRE-1", "Bretenière", 40));
        String failureId = Scenarios.reportFailure(operator, point, "lampFailure", "telemetry");
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/INT-" + failureId).status() == 200);
        long before = interventionEvents();

        StreamingEventProcessor policy = processing.eventProcessor(
                WhenLampFailureReportedThenOpenIntervention.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        policy.shutDown();
        assertThat(policy.supportsReset()).isFalse();
        assertThatThrownBy(policy::resetTokens).isInstanceOf(IllegalStateException.class);
        policy.start();

        await().atMost(Duration.ofSeconds(20)).until(policy::isRunning);
        assertThat(policy.isReplaying()).isFalse();
        assertThat(interventionEvents()).isEqualTo(before);
    }
}
