package io.pilotage.shared.web;

import io.pilotage.TestMetaData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointId;
import io.pilotage.lighting.CabinetId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** No single event stops a processing group: what one cannot handle is parked, shown, retried. */
@IntegrationTest
class DeadLettersApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    Api admin;
    Api operator;

    @BeforeEach
    void setUp() {
        admin = new Api(port, "admin");
        operator = new Api(port, "operator");
    }

    /** Writes an event as if an older node, or a bug, had stored it: the store takes whatever it is given. */
    private void store(String aggregateType, String aggregateId, Object payload) {
        store(aggregateType, aggregateId, 0, payload);
    }

    private void store(String aggregateType, String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, TestMetaData.from("test")));
    }

    /**
     * An event a read model cannot store (PostgreSQL refuses U+0000 in text), as an older node without today's
     * validation could have written it: parked, and the read model goes on with every other point.
     */
    @Test
    void givenAnEventAReadModelCannotStore_thenItIsParked_andTheReadModelGoesOn() {
        String poisoned = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(poisoned, "CAB-CHV-1", "Chevigny-Saint-Sauveur", 40));
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/lighting/light-points/" + poisoned).status() == 200);
        store("LightPoint", poisoned, 1, new LampFailureReported(new LightPointId(poisoned), "F-\u0000-" + UUID.randomUUID(),
                FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, Instant.now(), Instant.now(), new CabinetId("CAB-CHV-1"),
                Commune.CHEVIGNY_SAINT_SAUVEUR, new GeoPosition(47.30, 5.13)));

        JsonNode parked = await().atMost(Duration.ofSeconds(20)).until(
                () -> parkedSequence("lighting-read-models", poisoned), item -> item != null);
        String next = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(next, "CAB-CHV-1", "Chevigny-Saint-Sauveur", 40));

        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/lighting/light-points/" + next).status() == 200);
        assertThat(parked.path("causeMessage").asText()).isNotBlank();
        assertThat(parked.path("firstEventType").asText()).isEqualTo("LampFailureReported");

        StreamingEventProcessor status = processing.eventProcessor("lighting-read-models",
                StreamingEventProcessor.class).orElseThrow();
        status.shutDown();
        try {
            status.resetTokens();
            assertThat(parkedSequence("lighting-read-models", poisoned)).as("a reset clears the group's letters").isNull();
        } finally {
            status.start();
        }
        JsonNode parkedAgain = await().atMost(Duration.ofSeconds(60)).until(
                () -> parkedSequence("lighting-read-models", poisoned), item -> item != null);
        assertThat(parkedAgain.path("letters").asLong()).as("the replay parks it once more, alone").isEqualTo(1);
    }

    private JsonNode parkedSequence(String group, String sequence) {
        for (JsonNode item : admin.get("/api/admin/dead-letters").json().path("items")) {
            if (item.path("processingGroup").asText().equals(group) && item.path("sequenceIdentifier").asText().equals(sequence)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void givenAFailureAPolicyCannotPlace_thenItIsParked_theGroupGoesOn_andARetryThatFailsAgainKeepsIt() {
        String poison = TestIds.next("LP-OLD");
        store("LightPoint", poison, new LampFailureReported(new LightPointId(poison), "F-" + UUID.randomUUID(),
                FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, Instant.now(), Instant.now()));
        String group = "interventions-from-lamp-failures";
        JsonNode parked = await().atMost(Duration.ofSeconds(20)).until(() -> parkedSequence(group, poison), item -> item != null);

        String point = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-QTG-1", "Quetigny", 40));
        String failureId = Scenarios.reportFailure(operator, point, "lampFailure", "telemetry");
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/INT-" + failureId).status() == 200);

        assertThat(parked.path("firstEventType").asText()).isEqualTo("LampFailureReported");
        assertThat(parked.path("causeType").asText()).endsWith("IllegalStateException");
        assertThat(parked.path("letters").asLong()).isEqualTo(1);
        assertThat(operator.get("/api/admin/dead-letters").status()).isEqualTo(403);
        Api.Response retried = admin.post("/api/admin/dead-letters/" + group + "/" + poison + "/retry", "");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("handled").asBoolean()).isFalse();
        assertThat(parkedSequence(group, poison)).isNotNull();
        assertThat(admin.get("/actuator/prometheus").body())
                .containsPattern("pilotage_dead_letters\\{[^}]*processing_group=\"" + group + "\"[^}]*} [1-9]");
    }

    @Test
    void givenARepairForAPointNotYetRegistered_whenThePointExistsAndTheLetterIsRetried_thenItIsHandledAndGone() {
        String later = TestIds.next("LP-LATER");
        String intervention = TestIds.next("INT-FAKE");
        store("Intervention", intervention, new InterventionResolved(intervention, Resolution.REPAIRED,
                InterventionSource.LAMP_FAILURE, "F-" + UUID.randomUUID(), later, null, Instant.now(), java.util.List.of()));
        String group = "interventions-lamp-repairs";
        await().atMost(Duration.ofSeconds(20)).until(() -> parkedSequence(group, intervention), item -> item != null);

        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(later, "CAB-QTG-2", "Quetigny", 40));
        Api.Response retried = admin.post("/api/admin/dead-letters/" + group + "/" + intervention + "/retry", "");

        assertThat(retried.json().path("handled").asBoolean()).as(retried.toString()).isTrue();
        assertThat(parkedSequence(group, intervention)).isNull();
        assertThat(admin.post("/api/admin/dead-letters/" + group + "/" + intervention + "/retry", "").status()).isEqualTo(404);
        assertThat(admin.post("/api/admin/dead-letters/no-such-group/x/retry", "").status()).isEqualTo(404);
    }

    @Test
    void everyProcessingGroupHasADeadLetterQueue(@Autowired org.axonframework.config.EventProcessingConfiguration processing) {
        assertThat(processing.eventProcessors().keySet()).isNotEmpty()
                .allSatisfy(group -> assertThat(processing.deadLetterQueue(group)).as(group).isPresent());
        assertThat(processing.eventProcessors().keySet()).as("four read-model groups, imports, and the seven policy groups").containsExactlyInAnyOrder(
                "lighting-read-models", "lighting-inventory-imports", "contract-kpis", "operations-boards", "lighting-cabinet-registration",
                "interventions-from-lamp-failures", "interventions-lamp-repairs", "interventions-crew-release", "reports-work",
                "reports-reporter-retention", "interventions-from-traffic-alarms", "traffic-read-models");
    }

    /**
     * {@code dlq.cache.enabled} must reach every group's invoker. The configuration that lets a reset clear a group's
     * letters replaced the one carrying the cache, so every event of every group asked the database whether its
     * aggregate had parked letters: one query per event and group, a tenth of a catch-up's time.
     */
    @Test
    void everyGroupAsksItsDeadLetterQueueOnlyAboutSequencesItMayHaveParked() throws Exception {
        java.lang.reflect.Field cacheEnabled = org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.class
                .getDeclaredField("sequenceIdentifierCacheEnabled");
        cacheEnabled.setAccessible(true);
        for (String group : processing.eventProcessors().keySet()) {
            Object invoker = ((org.axonframework.eventhandling.AbstractEventProcessor) processing.eventProcessors().get(group))
                    .eventHandlerInvoker();
            if (invoker instanceof org.axonframework.eventhandling.MultiEventHandlerInvoker multi) {
                invoker = multi.delegates().stream()
                        .filter(org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.class::isInstance)
                        .findFirst().orElse(null);
            }
            assertThat(invoker).as(group).isInstanceOf(org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.class);
            assertThat(cacheEnabled.getBoolean(invoker)).as(group + " caches its parked sequences").isTrue();
        }
    }
}
