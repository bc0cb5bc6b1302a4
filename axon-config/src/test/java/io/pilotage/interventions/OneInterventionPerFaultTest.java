package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** One open intervention per fault, whatever the path: the API, a lamp failure, a cabinet's supply loss. */
@IntegrationTest
class OneInterventionPerFaultTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api operator;

    @BeforeEach
    void setUp() {
        operator = new Api(port, "operator");
    }

    private Api.Response open(String assetId) {
        return operator.post("/api/interventions", """
                {"source":"patrol","assetId":"%s","category":"roadworks","commune":"Talant","latitude":47.33,"longitude":4.99,
                 "priority":"p3"}""".formatted(assetId));
    }

    @Test
    void givenAnOpenInterventionOnAnAsset_whenAnotherIsOpenedForIt_then409NamingIt_untilTheFirstEnds() {
        String asset = TestIds.next("ASSET");
        Api.Response first = open(asset);
        assertThat(first.status()).isEqualTo(201);
        String firstId = first.json().path("interventionId").asText();

        Api.Response second = open(asset);

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().path("rule").asText()).isEqualTo("OneOpenInterventionPerAsset");
        assertThat(second.json().path("openInterventionId").asText()).isEqualTo(firstId);
        assertThat(operator.post("/api/interventions/" + firstId + "/cancellation", "{\"reason\":\"wrong asset\"}").status())
                .isEqualTo(200);
        assertThat(open(asset).status()).isEqualTo(201);
    }

    @Test
    void givenACabinetsSupplyLoss_whenEveryPointBehindItReportsIt_thenOneInterventionForTheCabinetListsThemAll() {
        String cabinet = TestIds.next("CAB");
        List<String> points = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String point = TestIds.next("LP");
            points.add(point);
            assertThat(operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, cabinet, "Longvic", 40))
                    .status()).isEqualTo(201);
        }
        for (String point : points) {
            failures.add(Scenarios.reportFailure(operator, point, "supplyLoss", "telemetry"));
        }
        // The points' failures reach the policy in any order: whichever comes first opens the cabinet's intervention.
        String interventionId = await().atMost(Duration.ofSeconds(30)).until(() -> failures.stream().map(f -> "INT-" + f)
                .filter(id -> operator.get("/api/interventions/" + id).status() == 200).findFirst().orElse(null),
                id -> id != null);
        JsonNode intervention = await().atMost(Duration.ofSeconds(30)).until(
                () -> operator.get("/api/interventions/" + interventionId),
                response -> response.status() == 200 && response.json().path("attachedFaults").size() == 3).json();

        assertThat(intervention.path("assetId").asText()).isEqualTo(cabinet);
        assertThat(intervention.path("priority").asText()).isEqualTo("P2");
        assertThat(intervention.path("attachedFaults").findValuesAsText("assetId")).containsExactlyInAnyOrderElementsOf(points);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%InterventionOpened' "
                + "AND aggregateidentifier IN (?, ?, ?)", Long.class, failures.stream().map(f -> "INT-" + f).toArray()))
                .isEqualTo(1);

        String crew = Scenarios.crewOnShift(new Api(port, "supervisor"), "lighting");
        Scenarios.assignAndResolve(operator, interventionId, crew);
        await().atMost(Duration.ofSeconds(30)).until(() -> points.stream().allMatch(point ->
                operator.get("/api/lighting/light-points/" + point).json().path("status").asText().equals("ok")));
    }

    @Test
    void givenAnOpenInterventionOnAPoint_whenTheSamePointFailsAnotherWay_thenTheFailureJoinsIt() {
        String point = TestIds.next("LP");
        operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-TLN-1", "Talant", 40));
        String first = Scenarios.reportFailure(operator, point, "lampFailure", "telemetry");
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/INT-" + first).status() == 200);

        String second = Scenarios.reportFailure(operator, point, "columnDamage", "patrol");

        JsonNode intervention = await().atMost(Duration.ofSeconds(20)).until(
                () -> operator.get("/api/interventions/INT-" + first).json(),
                node -> node.path("attachedFaults").size() == 1);
        assertThat(intervention.path("attachedFaults").get(0).path("faultRef").asText()).isEqualTo(second);
        assertThat(operator.get("/api/interventions/INT-" + second).status()).isEqualTo(404);
    }

    /** Reopening is a path too: a resolved intervention whose asset another has taken since cannot reopen. */
    @Test
    void givenAResolvedInterventionWhoseAssetIsTakenAgain_whenReopened_then409NamingTheOther_untilItEnds() {
        String asset = TestIds.next("ASSET");
        String first = open(asset).json().path("interventionId").asText();
        String crew = Scenarios.crewOnShift(new Api(port, "supervisor"), "roadworks");
        Scenarios.assignAndResolve(operator, first, crew);
        Api.Response second = open(asset);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        String secondId = second.json().path("interventionId").asText();

        Api.Response refused = operator.post("/api/interventions/" + first + "/reopening", "{\"reason\":\"dark again\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("openInterventionId").asText()).isEqualTo(secondId);
        assertThat(operator.post("/api/interventions/" + secondId + "/cancellation", "{\"reason\":\"same fault\"}").status())
                .isEqualTo(200);
        assertThat(operator.post("/api/interventions/" + first + "/reopening", "{\"reason\":\"dark again\"}").status())
                .isEqualTo(200);
        assertThat(open(asset).json().path("openInterventionId").asText()).isEqualTo(first);
    }
}
