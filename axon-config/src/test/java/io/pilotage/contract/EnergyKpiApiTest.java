package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import io.pilotage.shared.Commune;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The energy KPI through HTTP, from points and readings to the monthly figure: a baseline, an adjustment and a
 * correction, checked against a calculation written out here. Each run takes a month and a commune of its own, so
 * the totals hold only this run's cabinets even on a database kept between runs.
 */
@IntegrationTest
class EnergyKpiApiTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final int[] HOURS = {400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 370, 410};

    @LocalServerPort
    int port;

    @Test
    void givenAMonthOfReadings_aBaselineAnAdjustmentAndACorrection_thenTheKpiIsTheHandCalculation_asOfBeforeTheCorrectionTheFirst() {
        Api operator = new Api(port, "operator");
        Api supervisor = operator.as("supervisor");
        Api manager = operator.as("contract-manager");
        Api auditor = operator.as("auditor");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        YearMonth month = YearMonth.of(2020 + random.nextInt(6), 1 + random.nextInt(12));
        Commune commune = Commune.values()[random.nextInt(Commune.values().length)];
        Instant monthStart = month.atDay(1).atStartOfDay(PARIS).toInstant();
        String a = cabinet(operator, commune);
        String b = cabinet(operator, commune);
        String c = cabinet(operator, commune);

        reading(operator, a, monthStart, 0, "100.000");
        reading(operator, a, monthStart, 10, "100.000");
        reading(operator, a, monthStart, 20, "100.000");
        reading(operator, b, monthStart, 0, "50");
        reading(operator, b, monthStart, 10, "50");
        reading(operator, c, monthStart, 0, "50");
        Api.Response agreedA = manager.post("/api/contract/baselines", """
                {"cabinetId":"%s","method":"A","effectiveFrom":"2020-01","legacyPowerW":2000,
                 "monthlyBurningHours":[400,340,320,270,230,200,210,250,290,340,370,410],"reason":"Pre-renovation survey"}"""
                .formatted(a));
        Api.Response agreedB = manager.post("/api/contract/baselines", """
                {"cabinetId":"%s","method":"B","effectiveFrom":"2020-01","monthlyBurningHours":[400,340,320,270,230,200,210,250,290,340,370,410],
                 "referenceMonthlyWh":[300000,300000,300000,300000,300000,300000,300000,300000,300000,300000,300000,300000],
                 "reason":"Metered reference year"}""".formatted(b));
        Api.Response adjusted = manager.post("/api/contract/baselines/" + a + "/adjustments", """
                {"effectiveFrom":"%s","kind":"POINTS_ADDED","powerDeltaW":300,"reason":"Six points added"}""".formatted(month));
        assertThat(List.of(agreedA.status(), agreedB.status(), adjusted.status())).as(agreedA + " " + agreedB + " " + adjusted)
                .containsExactly(201, 201, 201);
        Instant beforeCorrection = Instant.now();
        Api.Response corrected = supervisor.post("/api/lighting/cabinets/" + a + "/energy-readings/corrections", """
                {"intervalStart":"%s","energyWh":80000,"reason":"Meter constant mis-set"}""".formatted(monthStart));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        Api reader = auditor.with("Pilotage-Min-Position", corrected.header("Pilotage-Position"));

        long baselineA = 2_300L * HOURS[month.getMonthValue() - 1];
        long baselineB = 300_000;
        String query = "/api/kpi/energy?month=" + month + "&commune=" + commune.name();
        JsonNode now = reader.get(query).json();
        JsonNode then = reader.get(query + "&asOf=" + beforeCorrection).json();

        BigDecimal target = new BigDecimal(manager.get("/api/contract/terms?at=" + month.plusMonths(1).atDay(1).atStartOfDay(PARIS)
                .toInstant().minusSeconds(1)).json().path("energySavingTarget").asText());
        checkTotals(now, baselineA + baselineB, 280_000 + 100_000, target);
        checkTotals(then, baselineA + baselineB, 300_000 + 100_000, target);
        assertThat(cabinet(now, a).path("measuredWh").asLong()).isEqualTo(280_000);
        assertThat(cabinet(then, a).path("measuredWh").asLong()).isEqualTo(300_000);
        assertThat(cabinet(now, a).path("baselineWh").asLong()).isEqualTo(baselineA);
        assertThat(cabinet(now, a).path("readings").asInt()).isEqualTo(3);
        assertThat(cabinet(now, a).path("savings").decimalValue()).isEqualByComparingTo(ratio(baselineA, 280_000));
        assertThat(cabinet(now, b).path("savings").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(cabinet(now, c).path("baselineWh").isNull()).isTrue();
        assertThat(now.path("withoutBaseline").asInt()).isEqualTo(1);
        assertThat(now.path("communes").size()).isEqualTo(1);
        assertThat(now.path("chainHead").isObject() || now.path("chainHead").isNull()).isTrue();
        assertThat(then.path("asOf").asText()).isEqualTo(beforeCorrection.toString());

        Api.Response csv = reader.with("Accept", "text/csv").get(query);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(1 + 3 + 1 + 1);
        assertThat(lines.get(0)).startsWith("month,scope,cabinet_id,commune,baseline_wh,measured_wh,savings,readings,target");
        assertThat(lines).anyMatch(line -> line.startsWith(month + ",cabinet," + a + "," + commune.displayName() + "," + baselineA + ",280000,"));
        assertThat(lines.get(lines.size() - 1)).startsWith(month + ",total,," + commune.displayName() + "," + (baselineA + baselineB) + ",380000,");

        JsonNode baseline = reader.get("/api/contract/baselines/" + a).json();
        assertThat(baseline.path("versions").size()).isEqualTo(1);
        assertThat(baseline.path("adjustments").get(0).path("powerDeltaW").asLong()).isEqualTo(300);
    }

    @Test
    void givenBadInput_thenProblemsNamingTheFieldOrTheRule_andRolesAreChecked() {
        Api manager = new Api(port, "contract-manager");
        Api supervisor = manager.as("supervisor");
        String cabinet = cabinet(manager.as("operator"), Commune.DIJON);

        assertThat(field(manager.get("/api/kpi/energy?month=2026-13"))).isEqualTo("month");
        assertThat(field(manager.get("/api/kpi/energy"))).isEqualTo("month");
        assertThat(field(manager.get("/api/kpi/energy?month=2026-11&commune=Atlantis"))).isEqualTo("commune");
        assertThat(field(manager.get("/api/kpi/energy?month=2026-11&asOf=yesterday"))).isEqualTo("asOf");
        assertThat(field(manager.post("/api/contract/baselines", """
                {"cabinetId":"%s","method":"A","effectiveFrom":"2026-01","legacyPowerW":2000,
                 "monthlyBurningHours":[400,340],"reason":"short"}""".formatted(cabinet)))).isEqualTo("monthlyBurningHours");
        assertThat(field(manager.post("/api/contract/baselines", """
                {"cabinetId":"%s","method":"C","effectiveFrom":"2026-01","monthlyBurningHours":[],"reason":"r"}""".formatted(cabinet))))
                .isEqualTo("method");
        assertThat(rule(manager.post("/api/contract/baselines", """
                {"cabinetId":"%s","method":"A","effectiveFrom":"2026-01","legacyPowerW":2000,
                 "monthlyBurningHours":[400,340,320,270,230,200,210,250,290,340,370,410],"reason":"r"}"""
                .formatted(TestIds.next("CAB-NONE"))))).isEqualTo("BaselineNeedsAKnownCabinet");
        assertThat(manager.post("/api/contract/baselines/" + cabinet + "/adjustments", """
                {"effectiveFrom":"2026-11","kind":"POINTS_ADDED","powerDeltaW":300,"reason":"r"}""").status()).isEqualTo(404);
        assertThat(rule(supervisor.post("/api/lighting/cabinets/" + cabinet + "/energy-readings/corrections", """
                {"intervalStart":"2021-03-01T00:00:00Z","energyWh":5,"reason":"r"}"""))).isEqualTo("CorrectionNeedsARecordedReading");
        assertThat(field(supervisor.post("/api/lighting/cabinets/" + cabinet + "/energy-readings/corrections", """
                {"intervalStart":"2021-03-01T00:00:00Z","energyWh":5}"""))).isEqualTo("reason");

        assertThat(manager.as("operator").get("/api/kpi/energy?month=2026-11").status()).isEqualTo(403);
        assertThat(manager.as("operator").get("/api/contract/baselines/" + cabinet).status()).isEqualTo(403);
        assertThat(manager.as("auditor").post("/api/contract/baselines", "{}").status()).isEqualTo(403);
        assertThat(manager.post("/api/lighting/cabinets/" + cabinet + "/energy-readings/corrections", "{}").status()).isEqualTo(403);
    }

    private static void checkTotals(JsonNode kpi, long baselineWh, long measuredWh, BigDecimal target) {
        BigDecimal savings = ratio(baselineWh, measuredWh);
        assertThat(kpi.path("baselineWh").asLong()).as(kpi.toString()).isEqualTo(baselineWh);
        assertThat(kpi.path("measuredWh").asLong()).isEqualTo(measuredWh);
        assertThat(kpi.path("savings").decimalValue()).isEqualByComparingTo(savings);
        assertThat(kpi.path("target").decimalValue()).isEqualByComparingTo(target);
        assertThat(kpi.path("meetsTarget").asBoolean()).isEqualTo(savings.compareTo(target) >= 0);
        assertThat(kpi.path("communes").get(0).path("baselineWh").asLong()).isEqualTo(baselineWh);
    }

    /** The savings ratio written out: (baseline - measured) / baseline, four decimals, half to even. */
    private static BigDecimal ratio(long baselineWh, long measuredWh) {
        return new BigDecimal(baselineWh - measuredWh).divide(new BigDecimal(baselineWh), 4, RoundingMode.HALF_EVEN);
    }

    private static JsonNode cabinet(JsonNode kpi, String cabinetId) {
        for (JsonNode cabinet : kpi.path("cabinets")) {
            if (cabinet.path("cabinetId").asText().equals(cabinetId)) {
                return cabinet;
            }
        }
        throw new AssertionError(cabinetId + " not in " + kpi);
    }

    /** A cabinet named by a light point, known once the registration policy has run. */
    private static String cabinet(Api operator, Commune commune) {
        String cabinet = TestIds.next("CAB");
        Api.Response point = operator.post("/api/lighting/light-points",
                TestPayloads.lightPoint(TestIds.next("LP"), cabinet, commune.displayName(), 40));
        assertThat(point.status()).as(point.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/lighting/cabinets/" + cabinet
                + "/consumption?from=2026-01-01&to=2026-01-02").status() == 200);
        return cabinet;
    }

    private static void reading(Api operator, String cabinet, Instant monthStart, int fromDay, String kwh) {
        Instant start = monthStart.plus(Duration.ofDays(fromDay));
        Api.Response recorded = operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings",
                "{\"intervalStart\":\"%s\",\"intervalEnd\":\"%s\",\"kwh\":%s}".formatted(start, start.plus(Duration.ofDays(10)), kwh));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    }

    private static String field(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        return response.json().path("field").asText();
    }

    private static String rule(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        return response.json().path("rule").asText();
    }
}
