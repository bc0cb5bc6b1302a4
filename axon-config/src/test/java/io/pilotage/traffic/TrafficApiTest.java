package io.pilotage.traffic;

import io.pilotage.TestMetaData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.traffic.IntersectionCommands.RecordPhaseChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The traffic API over HTTP: registering an intersection, its live status and its signals at a past instant. */
@IntegrationTest
class TrafficApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    static String intersection(String id, String activePlan) {
        return """
                {"intersectionId":"%s","commune":"Quetigny","latitude":47.3145,"longitude":5.1068,
                 "signalGroups":[{"id":1,"movement":"north approach, through"},{"id":3,"movement":"east approach, through"}],
                 "conflicts":[{"first":3,"second":1}],"timingPlans":[{"id":"DAY","cycleSeconds":90},{"id":"PEAK","cycleSeconds":120}],
                 "activePlan":"%s"}""".formatted(id, activePlan);
    }

    private long events(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, id);
    }

    @Test
    void givenASupervisor_whenAnIntersectionIsRegistered_thenCreatedOnce_andItsStatusAndPastStateAreRead() {
        Api supervisor = new Api(port, "supervisor");
        Api operator = new Api(port, "operator");
        String id = TestIds.next("TL");

        Api.Response created = supervisor.post("/api/traffic/intersections", intersection(id, "DAY"));
        Api.Response again = supervisor.post("/api/traffic/intersections", intersection(id, "DAY"));
        Api.Response other = supervisor.post("/api/traffic/intersections",
                intersection(id, "DAY").replace("east approach, through", "east approach, left turn"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/traffic/intersections/" + id);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("registered").asBoolean()).isFalse();
        assertThat(other.status()).isEqualTo(409);
        assertThat(events(id)).isEqualTo(1);

        Instant t0 = Instant.parse("2026-11-30T16:42:00Z");
        commands.sendAndWait(new RecordPhaseChanges(new IntersectionId(id), List.of(
                new PhaseChange(1, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, t0, 1, null, null, t0.plusSeconds(25), null, "DAY"),
                new PhaseChange(3, MovementPhaseState.STOP_AND_REMAIN, t0, 2, null, null, null, null, "DAY"),
                new PhaseChange(1, MovementPhaseState.PERMISSIVE_CLEARANCE, t0.plusSeconds(25), 3, null, null, null,
                        TerminationCause.MAX_OUT, "DAY")), t0.plusSeconds(26)), TestMetaData.from("test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "PERMISSIVE_CLEARANCE".equals(
                operator.get("/api/traffic/intersections/" + id).json().path("signalGroups").path(0).path("state").asText()));
        Api.Response status = operator.get("/api/traffic/intersections/" + id);
        assertThat(status.json().path("commune").asText()).isEqualTo("Quetigny");
        assertThat(status.json().path("mode").asText()).isEqualTo("NORMAL");
        assertThat(status.json().path("signalGroups").path(1).path("state").asText()).isEqualTo("STOP_AND_REMAIN");

        Api.Response at = operator.get("/api/traffic/intersections/" + id + "/state?at=2026-11-30T16:42:05Z");
        assertThat(at.status()).isEqualTo(200);
        assertThat(at.json().path("signalGroups").path(0).path("state").asText()).isEqualTo("PROTECTED_MOVEMENT_ALLOWED");
        assertThat(at.json().path("signalGroups").path(0).path("likelyEnd").asText()).isEqualTo("2026-11-30T16:42:25Z");
        Api.Response later = operator.get("/api/traffic/intersections/" + id + "/state?at=2026-11-30T16:42:30Z");
        assertThat(later.json().path("signalGroups").path(0).path("cause").asText()).isEqualTo("MAX_OUT");
    }

    @Test
    void givenBadInput_thenAProblemNamingTheField_andNothingIsWritten() {
        Api supervisor = new Api(port, "supervisor");
        Api operator = new Api(port, "operator");
        String id = TestIds.next("TL");

        Api.Response noPlan = supervisor.post("/api/traffic/intersections", intersection(id, "NIGHT"));
        Api.Response groupZero = supervisor.post("/api/traffic/intersections", intersection(id, "DAY").replace("{\"id\":1,", "{\"id\":0,"));
        Api.Response unknownGroup = supervisor.post("/api/traffic/intersections", intersection(id, "DAY").replace("\"first\":3", "\"first\":9"));
        Api.Response asOperator = operator.post("/api/traffic/intersections", intersection(id, "DAY"));

        assertThat(noPlan.status()).isEqualTo(422);
        assertThat(noPlan.json().path("field").asText()).isEqualTo("timingPlans");
        assertThat(groupZero.status()).isEqualTo(422);
        assertThat(groupZero.json().path("field").asText()).isEqualTo("signalGroups.id");
        assertThat(unknownGroup.status()).isEqualTo(422);
        assertThat(unknownGroup.json().path("field").asText()).isEqualTo("conflicts");
        assertThat(asOperator.status()).isEqualTo(403);
        assertThat(events(id)).isZero();

        assertThat(operator.get("/api/traffic/intersections/" + id).status()).isEqualTo(404);
        assertThat(operator.get("/api/traffic/intersections/" + id + "/state?at=2026-11-30T16:42:05Z").status()).isEqualTo(404);
        Api.Response noInstant = operator.get("/api/traffic/intersections/" + id + "/state");
        assertThat(noInstant.status()).isEqualTo(422);
        assertThat(noInstant.json().path("field").asText()).isEqualTo("at");
        for (String at : List.of("yesterday", "-5000-01-01T00:00:00Z", "%2B999999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z")) {
            Api.Response bad = operator.get("/api/traffic/intersections/" + id + "/state?at=" + at);
            assertThat(bad.status()).as(at).isEqualTo(422);
            assertThat(bad.json().path("field").asText()).as(at).isEqualTo("at");
        }
    }
}
