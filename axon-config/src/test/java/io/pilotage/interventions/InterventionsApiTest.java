package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.TestPayloads;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class InterventionsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api operator;
    Api supervisor;

    @BeforeEach
    void setUp() {
        operator = new Api(port, "operator");
        supervisor = new Api(port, "supervisor");
    }

    static String crewOnShift(Api supervisor, String skill) {
        return Scenarios.crewOnShift(supervisor, skill);
    }

    static String openIntervention(Api api, String priority, String category) {
        return Scenarios.openIntervention(api, priority, category);
    }

    private JsonNode awaitIntervention(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response response = operator.get("/api/interventions/" + id);
            return response.status() == 200 && response.json().path("status").asText().equals(status) ? response.json() : null;
        }, node -> node != null);
    }

    @Test
    void givenALampFailureThroughTheApi_whenACrewResolvesIt_thenThePointIsOkAndTheBoardsFollow() {
        String point = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-LGV-1", "Longvic", 40));
        String failureId = Scenarios.reportFailure(operator, point, "columnDamage", "patrol");
        String interventionId = "INT-" + failureId;

        JsonNode opened = awaitIntervention(interventionId, "OPEN");
        assertThat(opened.path("priority").asText()).isEqualTo("P1");
        assertThat(opened.path("assetId").asText()).isEqualTo(point);
        Instant openedAt = Instant.parse(opened.path("openedAt").asText());
        assertThat(Instant.parse(opened.path("makeSafeDueAt").asText())).isEqualTo(openedAt.plus(2, ChronoUnit.HOURS));
        assertThat(Instant.parse(opened.path("repairDueAt").asText())).isEqualTo(openedAt.plus(24, ChronoUnit.HOURS));
        assertThat(opened.path("secondsLeft").asLong()).isBetween(7000L, 7200L);

        String crew = crewOnShift(supervisor, "lighting");
        Api.Response assigned = operator.post("/api/interventions/" + interventionId + "/assignments",
                "{\"crewId\":\"" + crew + "\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        for (String step : new String[] {"departure", "arrival", "made-safe"}) {
            assertThat(operator.post("/api/interventions/" + interventionId + "/" + step, "{}").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/crews?status=on_intervention&size=500")
                .body().contains(interventionId));
        assertThat(operator.post("/api/interventions/" + interventionId + "/resolution", "{\"resolution\":\"repaired\"}")
                .status()).isEqualTo(200);

        awaitIntervention(interventionId, "RESOLVED");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                operator.get("/api/lighting/light-points/" + point).json().path("status").asText().equals("ok"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !operator.get("/api/crews?status=on_intervention&size=500")
                .body().contains(crew));
        assertThat(operator.post("/api/interventions/" + interventionId + "/closure", "{}").status())
                .as("a supervisor verifies and closes").isEqualTo(403);
        assertThat(supervisor.post("/api/interventions/" + interventionId + "/closure", "{}").status()).isEqualTo(200);
        awaitIntervention(interventionId, "CLOSED");
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, interventionId)).extracting(type -> type.substring(type.lastIndexOf('$') + 1))
                .containsExactly("InterventionOpened", "CrewAssigned", "CrewDeparted", "CrewArrived", "InterventionMadeSafe",
                        "InterventionResolved", "InterventionClosed");
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, crew)).extracting(type -> type.substring(type.lastIndexOf('$') + 1))
                .containsExactly("CrewRegistered", "ShiftPlanned", "CrewCommitted", "CrewReleased");
    }

    @Test
    void givenALampFailure_whenItsInterventionIsCancelled_thenTheFailureStaysOpen() {
        String point = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-DAIX-2", "Daix", 40));
        String failureId = Scenarios.reportFailure(operator, point, "lampFailure", "telemetry");
        String interventionId = "INT-" + failureId;
        assertThat(awaitIntervention(interventionId, "OPEN").path("priority").asText()).isEqualTo("P3");

        assertThat(operator.post("/api/interventions/" + interventionId + "/cancellation", "{\"reason\":\"duplicate call\"}")
                .status()).isEqualTo(200);

        awaitIntervention(interventionId, "CANCELLED");
        assertThat(operator.get("/api/lighting/light-points/" + point).json().path("status").asText()).isEqualTo("defectiveLamp");
        String sameAsIt = "&commune=Daix&priority=p3&category=lighting&size=500";
        assertThat(operator.get("/api/interventions?activeOnly=false&status=cancelled" + sameAsIt).body()).contains(interventionId);
        assertThat(operator.get("/api/interventions?activeOnly=true" + sameAsIt).body()).doesNotContain(interventionId);
    }

    @Test
    void givenCrewRules_whenBroken_then409NamingTheRule() {
        String traffic = openIntervention(operator, "p2", "traffic_signal");
        String lightingCrew = crewOnShift(supervisor, "lighting");
        String offShift = TestIds.next("CREW");
        supervisor.post("/api/crews", "{\"crewId\":\"%s\",\"skills\":[\"traffic\"],\"vehicleId\":\"VAN-X\"}".formatted(offShift));

        Api.Response noSkill = operator.post("/api/interventions/" + traffic + "/assignments", "{\"crewId\":\"" + lightingCrew + "\"}");
        Api.Response notOnShift = operator.post("/api/interventions/" + traffic + "/assignments", "{\"crewId\":\"" + offShift + "\"}");
        Api.Response unknownCrew = operator.post("/api/interventions/" + traffic + "/assignments", "{\"crewId\":\"CREW-NOPE\"}");

        assertThat(noSkill.status()).isEqualTo(409);
        assertThat(noSkill.json().path("rule").asText()).isEqualTo("CrewMustHaveTheSkill");
        assertThat(notOnShift.json().path("rule").asText()).isEqualTo("CrewMustBeOnShift");
        assertThat(unknownCrew.status()).isEqualTo(404);
    }

    @Test
    void givenABusyCrew_whenAnOperatorAssignsItAgain_then409_butASupervisorMayOverride() {
        String crew = crewOnShift(supervisor, "roadworks");
        String first = openIntervention(operator, "p3", "roadworks");
        String second = openIntervention(operator, "p3", "roadworks");
        assertThat(operator.post("/api/interventions/" + first + "/assignments", "{\"crewId\":\"" + crew + "\"}").status())
                .isEqualTo(200);

        Api.Response busy = operator.post("/api/interventions/" + second + "/assignments", "{\"crewId\":\"" + crew + "\"}");
        Api.Response operatorOverride = operator.post("/api/interventions/" + second + "/assignments",
                "{\"crewId\":\"" + crew + "\",\"override\":true}");
        Api.Response supervisorOverride = supervisor.post("/api/interventions/" + second + "/assignments",
                "{\"crewId\":\"" + crew + "\",\"override\":true}");

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("rule").asText()).isEqualTo("CrewMustBeFree");
        assertThat(operatorOverride.status()).isEqualTo(403);
        assertThat(supervisorOverride.status()).as(supervisorOverride.toString()).isEqualTo(200);
    }

    @Test
    void givenAnIntervention_whenPaused_thenTheClockStopsAndOnlySupervisorsPauseAndClosedOnesCannot() {
        String id = openIntervention(operator, "p2", "lighting");
        assertThat(operator.post("/api/interventions/" + id + "/pauses", "{\"reason\":\"weather_alert\"}").status()).isEqualTo(403);
        assertThat(supervisor.post("/api/interventions/" + id + "/pauses", "{\"reason\":\"not_a_reason\"}").status()).isEqualTo(422);

        assertThat(supervisor.post("/api/interventions/" + id + "/pauses", "{\"reason\":\"weather_alert\"}").status()).isEqualTo(200);
        Api.Response overlapping = supervisor.post("/api/interventions/" + id + "/pauses", "{\"reason\":\"snow_plan_active\"}");

        assertThat(overlapping.json().path("rule").asText()).isEqualTo("PausesNeverOverlap");
        JsonNode paused = await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/" + id).json(),
                node -> node.path("paused").asBoolean());
        assertThat(paused.path("pauses").get(0).path("actorId").asText()).isEqualTo("supervisor");
        assertThat(paused.path("pauses").get(0).path("reason").asText()).isEqualTo("WEATHER_ALERT");
        assertThat(supervisor.post("/api/interventions/" + id + "/resumptions", "{}").status()).isEqualTo(200);
        assertThat(operator.post("/api/interventions/" + id + "/cancellation", "{\"reason\":\"reported twice\"}").status())
                .isEqualTo(200);
        assertThat(supervisor.post("/api/interventions/" + id + "/pauses", "{\"reason\":\"weather_alert\"}").json()
                .path("rule").asText()).isEqualTo("InterventionMustBeActive");
    }

    @Test
    void givenBadInput_thenProblems() {
        assertThat(operator.get("/api/interventions/INT-NOPE").status()).isEqualTo(404);
        assertThat(operator.post("/api/interventions/INT-NOPE/arrival", "{}").status()).isEqualTo(404);
        assertThat(operator.post("/api/interventions", "{\"source\":\"patrol\",\"assetId\":\"A-1\",\"category\":\"lighting\","
                + "\"commune\":\"Dijon\",\"latitude\":47.3,\"longitude\":5.0,\"priority\":\"P7\"}").json().path("field").asText())
                .isEqualTo("priority");
        assertThat(operator.get("/api/interventions?priority=P9").status()).isEqualTo(422);
        assertThat(operator.post("/api/crews/" + TestIds.next("CREW") + "/positions", "{\"latitude\":47.3,\"longitude\":5.0}")
                .status()).isEqualTo(404);
        assertThat(supervisor.post("/api/crews", "{\"crewId\":\"C-1\",\"skills\":[\"juggling\"],\"vehicleId\":\"V-1\"}")
                .json().path("field").asText()).isEqualTo("skills");
    }
}
