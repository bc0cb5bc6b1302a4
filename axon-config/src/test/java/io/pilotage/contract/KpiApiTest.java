package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The KPIs through HTTP, from work done through the API: an intervention resolved on time joins its month's delay
 * KPI, the month as known before the resolution still shows it pending, a corrected time is used from then on, and
 * every answer quotes the chain head. Counts are compared before and after, in a commune no other test uses.
 */
@IntegrationTest
class KpiApiTest {

    static final String COMMUNE = "Flavignerot";

    @LocalServerPort
    int port;

    Api manager;
    Api operator;
    Api supervisor;

    @BeforeEach
    void setUp() {
        manager = new Api(port, "contract-manager");
        operator = new Api(port, "operator");
        supervisor = new Api(port, "supervisor");
    }

    private JsonNode total(String month, String asOf) {
        Api.Response response = manager.get("/api/kpi/delays?month=" + month + "&commune=" + COMMUNE + (asOf == null ? "" : "&asOf=" + asOf));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("kpi").path("total");
    }

    @Test
    void givenAnInterventionResolvedOnTime_whenTheDelayKpiIsAsked_thenItCountsWithinDeadline_andAsOfBeforeItPending() {
        String dueMonth = YearMonth.from(Instant.now().plus(Duration.ofHours(72)).atZone(ZoneId.of("Europe/Paris"))).toString();
        JsonNode baseline = total(dueMonth, null);
        Api.Response opened = operator.post("/api/interventions", """
                {"source":"patrol","assetId":"%s","category":"lighting","commune":"%s","latitude":47.28,"longitude":4.98,
                 "priority":"p3"}""".formatted(TestIds.next("ASSET"), COMMUNE));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("interventionId").asText();
        String month = YearMonth.from(Instant.parse(opened.json().path("repairDueAt").asText()).atZone(ZoneId.of("Europe/Paris"))).toString();
        assertThat(month).isEqualTo(dueMonth);
        JsonNode before = await().atMost(Duration.ofSeconds(20)).until(() -> total(month, null),
                t -> t.path("pending").asLong() == baseline.path("pending").asLong() + 1);

        String crew = Scenarios.crewOnShift(supervisor, "lighting");
        assertThat(operator.post("/api/interventions/" + id + "/assignments", "{\"crewId\":\"" + crew + "\"}").status()).isEqualTo(200);
        assertThat(operator.post("/api/interventions/" + id + "/arrival", "{}").status()).isEqualTo(200);
        Instant arrived = Instant.now();
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(operator.post("/api/interventions/" + id + "/resolution", "{\"resolution\":\"repaired\"}").status()).isEqualTo(200);
        Instant resolved = Instant.now();
        assertThat(Duration.between(arrived, resolved)).isGreaterThan(Duration.ofSeconds(1));
        JsonNode after = await().atMost(Duration.ofSeconds(20)).until(() -> total(month, null),
                t -> t.path("within").asLong() == before.path("within").asLong() + 1);

        assertThat(after.path("pending").asLong()).isEqualTo(before.path("pending").asLong() - 1);
        assertThat(after.path("meanMinutesToRepair").isNumber()).isTrue();
        JsonNode asOfBefore = total(month, arrived.plusSeconds(1).toString());
        assertThat(asOfBefore.path("within").asLong()).isEqualTo(before.path("within").asLong());

        Api.Response correction = supervisor.post("/api/interventions/" + id + "/corrections",
                "{\"step\":\"resolved\",\"correctedAt\":\"%s\",\"reason\":\"crew pressed late\"}".formatted(resolved.minusSeconds(1)));
        assertThat(correction.status()).as(correction.toString()).isEqualTo(200);
        Api.Response refused = supervisor.post("/api/interventions/" + id + "/corrections",
                "{\"step\":\"made_safe\",\"correctedAt\":\"%s\",\"reason\":\"typo\"}".formatted(resolved.minusSeconds(1)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).endsWith("StepMustHaveHappened");
        assertThat(operator.post("/api/interventions/" + id + "/corrections",
                "{\"step\":\"resolved\",\"correctedAt\":\"%s\",\"reason\":\"r\"}".formatted(resolved.minusSeconds(3))).status()).isEqualTo(403);
    }

    @Test
    void givenAKpi_whenAsked_thenItQuotesTheChainHead_andCsvIsATable() {
        JsonNode delays = await().atMost(Duration.ofSeconds(20)).until(
                () -> manager.get("/api/kpi/delays?month=2026-11").json(), node -> node.path("chainHead").path("position").asLong() > 0);
        assertThat(delays.path("chainHead").path("link").asText()).hasSize(64);
        assertThat(delays.path("kpi").path("month").asText()).isEqualTo("2026-11");

        Api.Response csv = manager.with("Accept", "text/csv").get("/api/kpi/delays?month=2026-11");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("priority,category,due,within,late,overdue,pending,compliance_rate,");
        assertThat(csv.body().lines().filter(line -> line.startsWith("ALL,ALL,"))).hasSize(1);
        Api.Response penalties = manager.with("Accept", "text/csv").get("/api/kpi/delays?month=2026-11&table=penalties");
        assertThat(penalties.body()).startsWith("intervention_id,priority,category,commune,terms_version,step,");

        Api.Response availability = new Api(port, "auditor").get("/api/kpi/availability?month=2026-11&commune=Dijon");
        assertThat(availability.status()).isEqualTo(200);
        assertThat(availability.json().path("kpi").path("to").asText()).isNotEmpty();
        assertThat(availability.json().path("kpi").path("availabilityTarget").decimalValue()).isEqualByComparingTo("0.99");
        assertThat(manager.with("Accept", "text/csv").get("/api/kpi/availability?month=2026-11").body())
                .startsWith("month,commune,from,to,scheduled_hours,");

        JsonNode report = manager.get("/api/kpi/contract-report?month=2026-11").json();
        assertThat(report.path("kpi").path("indicators")).extracting(node -> node.path("indicator").asText())
                .containsExactly("energy_savings", "interventions_within_deadline", "lighting_availability", "failure_rate");
        assertThat(report.path("kpi").path("termsVersion").asInt()).isPositive();
        assertThat(report.path("chainHead").path("link").asText()).hasSize(64);
        assertThat(manager.with("Accept", "text/csv").get("/api/kpi/contract-report?month=2026-11").body().lines())
                .hasSize(7).first().isEqualTo("indicator,value,target,meets,terms_version,chain_head_position,chain_head_link");
    }

    @Test
    void givenBadParameters_thenProblemsNameThem_andOperatorsMayNotReadKpis() {
        Api.Response month = manager.get("/api/kpi/delays?month=2026-13");
        Api.Response missing = manager.get("/api/kpi/availability");
        Api.Response commune = manager.get("/api/kpi/delays?month=2026-03&commune=Paris");
        Api.Response future = manager.get("/api/kpi/delays?month=2026-03&asOf=2999-01-01T00:00:00Z");
        Api.Response garbage = manager.get("/api/kpi/delays?month=2026-03&asOf=yesterday");

        assertThat(month.status()).isEqualTo(422);
        assertThat(month.json().path("field").asText()).isEqualTo("month");
        assertThat(missing.json().path("field").asText()).isEqualTo("month");
        assertThat(commune.json().path("field").asText()).isEqualTo("commune");
        assertThat(future.json().path("field").asText()).isEqualTo("asOf");
        assertThat(garbage.json().path("field").asText()).isEqualTo("asOf");
        assertThat(operator.get("/api/kpi/delays?month=2026-03").status()).isEqualTo(403);
        assertThat(manager.with("Accept", "text/csv").get("/api/kpi/delays?month=2026-13").status()).isEqualTo(422);
    }
}
