package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The terms through HTTP: seeded from the configuration, amended by a contract manager with a dated version, read
 * at any instant and as known at any instant. The suite's tests share one contract and run under its terms: the
 * amendments here take effect after 2100 (and after any version other tests recorded), never while a test runs.
 * Interventions opened under an amendment are covered by the aggregates' and projections' tests.
 */
@IntegrationTest
class ContractApiTest {

    @LocalServerPort
    int port;

    Api manager;

    @BeforeEach
    void setUp() {
        manager = new Api(port, "contract-manager");
    }

    private Instant afterTheLatestVersion() {
        JsonNode versions = manager.get("/api/contract/amendments").json().path("versions");
        Instant latest = Instant.parse(versions.get(versions.size() - 1).path("effectiveFrom").asText());
        Instant farAhead = Instant.parse("2100-01-01T00:00:00Z");
        return latest.isBefore(farAhead) ? farAhead : latest.plus(1, ChronoUnit.DAYS);
    }

    @Test
    void givenTheSeededTerms_whenRead_thenTheyAreTheConfiguredDefaultsAsVersion1() {
        JsonNode signed = manager.get("/api/contract/terms?at=2021-01-01T00:00:00Z").json();

        assertThat(signed.path("version").asInt()).isEqualTo(1);
        assertThat(signed.path("priorities").path("P1").path("makeSafeWithin").asText()).isEqualTo("PT2H");
        assertThat(signed.path("priorities").path("P3").path("repairWithin").asText()).isEqualTo("PT72H");
        assertThat(signed.path("priorities").path("P1").path("penaltyCentsPerStartedHour").asLong()).isEqualTo(50_000);
        assertThat(signed.path("energySavingTarget").decimalValue()).isEqualByComparingTo("0.65");
        assertThat(signed.path("clockStoppingReasons")).hasSize(5);
        assertThat(new Api(port, "auditor").get("/api/contract/terms").status()).isEqualTo(200);
        assertThat(new Api(port, "operator").get("/api/contract/terms").status()).isEqualTo(403);
    }

    @Test
    void givenAnAmendment_whenTheTermsAreRead_thenTheyChangeFromItsDate_andAsKnownBeforeItTheyDoNot() {
        // A first amendment makes sure the second changes the terms, whatever earlier runs on this database left.
        Instant previous = afterTheLatestVersion();
        Api.Response first = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"A target to amend from","energySavingTarget":0.69}""".formatted(previous));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Instant effective = previous.plus(Duration.ofDays(1));
        Instant before = Instant.now();
        await().pollDelay(Duration.ofMillis(20)).until(() -> Instant.now().isAfter(before));

        Api.Response amended = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"Amendment: P3 within 48 h, EUR 80 per started hour",
                 "deadlines":{"P3":{"repairWithin":"PT48H"}},"penalties":{"P3":{"centsPerStartedHour":8000,"capCents":100000}},
                 "energySavingTarget":0.7}""".formatted(effective));

        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        int version = amended.json().path("version").asInt();
        JsonNode inForce = await().atMost(Duration.ofSeconds(20)).until(
                () -> manager.get("/api/contract/terms?at=" + effective).json(), terms -> terms.path("version").asInt() == version);
        assertThat(inForce.path("priorities").path("P3").path("repairWithin").asText()).isEqualTo("PT48H");
        assertThat(inForce.path("priorities").path("P3").path("penaltyCentsPerStartedHour").asLong()).isEqualTo(8000);
        assertThat(inForce.path("priorities").path("P1").path("makeSafeWithin").asText()).as("unchanged parts stay").isEqualTo("PT2H");
        assertThat(inForce.path("energySavingTarget").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(inForce.path("reason").asText()).startsWith("Amendment: P3");
        JsonNode knownBefore = manager.get("/api/contract/terms?at=" + effective + "&asOf=" + before).json();
        assertThat(knownBefore.path("version").asInt()).isEqualTo(version - 1);
        JsonNode dayBefore = manager.get("/api/contract/terms?at=" + effective.minusSeconds(1)).json();
        assertThat(dayBefore.path("version").asInt()).isEqualTo(version - 1);
    }

    @Test
    void givenBadAmendments_thenProblemsNameTheFieldOrTheRule_andNothingIsRecorded() {
        Instant effective = afterTheLatestVersion();
        int versions = manager.get("/api/contract/amendments").json().path("versions").size();

        Api.Response badDuration = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"r","deadlines":{"P3":{"repairWithin":"three days"}}}""".formatted(effective));
        Api.Response makeSafeOnP3 = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"r","deadlines":{"P3":{"makeSafeWithin":"PT1H","repairWithin":"PT48H"}}}""".formatted(effective));
        Api.Response target = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"r","energySavingTarget":1.5}""".formatted(effective));
        Api.Response backwards = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"2021-01-01T00:00:00Z","reason":"r","energySavingTarget":0.5}""");
        Api.Response nothing = manager.post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"r"}""".formatted(effective));
        Api.Response operator = new Api(port, "operator").post("/api/contract/amendments", """
                {"effectiveFrom":"%s","reason":"r","energySavingTarget":0.5}""".formatted(effective));

        assertThat(badDuration.status()).isEqualTo(422);
        assertThat(badDuration.json().path("field").asText()).isEqualTo("deadlines.P3.repairWithin");
        assertThat(makeSafeOnP3.json().path("field").asText()).isEqualTo("deadlines.P3.makeSafeWithin");
        assertThat(target.status()).isEqualTo(422);
        assertThat(target.json().path("field").asText()).isEqualTo("energySavingTarget");
        assertThat(backwards.status()).isEqualTo(409);
        assertThat(backwards.json().path("type").asText()).endsWith("AmendmentsTakeEffectInOrder");
        assertThat(nothing.status()).isEqualTo(409);
        assertThat(nothing.json().path("type").asText()).endsWith("AmendmentMustChangeTheTerms");
        assertThat(operator.status()).isEqualTo(403);
        assertThat(manager.get("/api/contract/amendments").json().path("versions")).hasSize(versions);
    }
}
