package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event carries its audit metadata, whatever produced it. Runs after the other integration tests of the
 * run, so that it walks the events of all their scenarios, and walks from a lamp failure to the lamp back on.
 */
@IntegrationTest
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    record StoredEvent(String id, String aggregateId, String payloadType, JsonNode meta) {
        String type() {
            return payloadType.substring(payloadType.lastIndexOf('$') + 1);
        }

        String key(String key) {
            return meta.path(key).asText(null);
        }
    }

    @Test
    @Order(1)
    void givenALampFailureRepairedEndToEnd_thenAnAuditorWalksFromTheFailureToTheLampBackOn() {
        Api operator = new Api(port, "operator");
        String point = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-MTD-1", "Dijon", 40));
        String failureId = Scenarios.reportFailure(operator, point, "lampFailure", "telemetry");
        String intervention = "INT-" + failureId;
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/" + intervention).status() == 200);
        String crew = Scenarios.crewOnShift(new Api(port, "supervisor"), "lighting");
        Scenarios.assignAndResolve(operator, intervention, crew);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(point).stream().anyMatch(e -> e.type().equals("LampRepaired"))
                && events(crew).stream().anyMatch(e -> e.type().equals("CrewReleased")));

        StoredEvent repaired = only(events(point), "LampRepaired");
        StoredEvent resolved = byId(repaired.key(MetadataKeys.TRIGGERING_EVENT_ID));
        StoredEvent opened = only(events(intervention), "InterventionOpened");
        StoredEvent failure = byId(opened.key(MetadataKeys.TRIGGERING_EVENT_ID));
        StoredEvent assigned = only(events(intervention), "CrewAssigned");
        StoredEvent released = only(events(crew), "CrewReleased");

        assertThat(failure.type()).isEqualTo("LampFailureReported");
        assertThat(failure.aggregateId()).isEqualTo(point);
        assertThat(opened.key(MetadataKeys.ACTOR_ID)).isEqualTo("system:WhenLampFailureReportedThenOpenIntervention");
        assertThat(opened.key(MetadataKeys.COMMAND_NAME)).isEqualTo("OpenIntervention");
        assertThat(assigned.key(MetadataKeys.ACTOR_ID)).isEqualTo("operator");
        assertThat(assigned.key(MetadataKeys.COMMAND_NAME)).isEqualTo("RecordCrewAssignment");
        assertThat(assigned.key(MetadataKeys.ORIGIN_COMMAND_NAME)).isEqualTo("AssignCrew");
        assertThat(only(events(crew), "CrewCommitted").key(MetadataKeys.ORIGIN_COMMAND_ID))
                .isEqualTo(assigned.key(MetadataKeys.ORIGIN_COMMAND_ID));
        assertThat(opened.key(MetadataKeys.ORIGIN_COMMAND_NAME)).isEqualTo("RequestIntervention");
        assertThat(resolved.type()).isEqualTo("InterventionResolved");
        assertThat(resolved.key(MetadataKeys.COMMAND_NAME)).isEqualTo("ResolveIntervention");
        assertThat(repaired.key(MetadataKeys.COMMAND_NAME)).isEqualTo("RecordLampRepair");
        assertThat(repaired.key(MetadataKeys.CHANNEL)).isEqualTo(Channel.POLICY.wireName());
        assertThat(byId(released.key(MetadataKeys.TRIGGERING_EVENT_ID))).isEqualTo(resolved);
        assertThat(Set.of(failure, opened, resolved, repaired).stream().map(e -> e.key(MetadataKeys.CORRELATION_ID)))
                .doesNotContainNull();
    }

    @Test
    @Order(2)
    void givenTheIntegrationScenariosOfThisRun_thenNoEventMissesAnAuditKey() {
        String since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString();
        List<StoredEvent> written = jdbc.query("""
                SELECT eventidentifier, aggregateidentifier, payloadtype, metadata FROM domainevententry
                WHERE timestamp >= ? ORDER BY globalindex""", (rs, row) -> new StoredEvent(rs.getString(1), rs.getString(2),
                rs.getString(3), read(rs.getBytes(4))), since);

        List<String> missing = new ArrayList<>();
        Map<String, Integer> byChannel = new HashMap<>();
        for (StoredEvent event : written) {
            for (String key : MetadataKeys.ALWAYS) {
                if (event.key(key) == null || event.key(key).isBlank()) {
                    missing.add(event.type() + " " + event.id() + " lacks " + key);
                }
            }
            String channel = event.key(MetadataKeys.CHANNEL);
            byChannel.merge(String.valueOf(channel), 1, Integer::sum);
            boolean bySystem = Channel.POLICY.wireName().equals(channel) || Channel.DEADLINE.wireName().equals(channel);
            if (bySystem && event.key(MetadataKeys.TRIGGERING_EVENT_ID) == null) {
                missing.add(event.type() + " " + event.id() + " (" + channel + ") lacks " + MetadataKeys.TRIGGERING_EVENT_ID);
            }
        }

        assertThat(written).as("events written by this run's scenarios").hasSizeGreaterThan(10);
        assertThat(byChannel).containsKeys(Channel.API.wireName(), Channel.POLICY.wireName());
        assertThat(missing).isEmpty();
    }

    private List<StoredEvent> events(String aggregateId) {
        return jdbc.query("""
                SELECT eventidentifier, aggregateidentifier, payloadtype, metadata FROM domainevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber""", (rs, row) -> new StoredEvent(rs.getString(1),
                rs.getString(2), rs.getString(3), read(rs.getBytes(4))), aggregateId);
    }

    private StoredEvent byId(String eventId) {
        assertThat(eventId).as("a triggering event id").isNotNull();
        return jdbc.queryForObject("""
                SELECT eventidentifier, aggregateidentifier, payloadtype, metadata FROM domainevententry
                WHERE eventidentifier = ?""", (rs, row) -> new StoredEvent(rs.getString(1), rs.getString(2),
                rs.getString(3), read(rs.getBytes(4))), eventId);
    }

    private static StoredEvent only(List<StoredEvent> events, String type) {
        List<StoredEvent> matching = events.stream().filter(e -> e.type().equals(type)).toList();
        assertThat(matching).as(type).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode read(byte[] metadata) {
        try {
            return JSON.readTree(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
