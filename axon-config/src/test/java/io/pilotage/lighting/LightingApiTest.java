package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import static io.pilotage.TestPayloads.lightPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class LightingApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api operator;

    @BeforeEach
    void setUp() {
        operator = new Api(port, "operator");
    }


    private JsonNode awaitLightPoint(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response response = operator.get("/api/lighting/light-points/" + id);
            return response.status() == 200 && response.json().path("status").asText().equals(status) ? response.json() : null;
        }, node -> node != null);
    }

    private long eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, aggregateId);
    }

    @Test
    void givenANewPoint_whenRegisteredThroughHttp_thenItReadsBackAsOk() {
        String id = TestIds.next("LP");
        Api.Response created = operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Fontaine-lès-Dijon", 40));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/lighting/light-points/" + id);
        JsonNode point = awaitLightPoint(id, "ok");
        assertThat(point.path("commune").asText()).isEqualTo("Fontaine-lès-Dijon");
        assertThat(point.path("ratedPowerW").asInt()).isEqualTo(40);
        assertThat(point.path("openFailures")).isEmpty();
    }

    @Test
    void givenARegisteredPoint_whenRegisteredAgainIdentically_then200AndNoNewEvent() {
        String id = TestIds.next("LP");
        assertThat(operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Dijon", 40)).status()).isEqualTo(201);

        Api.Response again = operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Dijon", 40));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @Test
    void givenARegisteredPoint_whenRegisteredWithOtherAttributes_then409NamingTheRule() {
        String id = TestIds.next("LP");
        operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Dijon", 40));

        Api.Response conflict = operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Dijon", 60));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(conflict.json().path("rule").asText()).isEqualTo("LightPointRegistrationIsFinal");
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @Test
    void givenAFailingPoint_whenTheSameFailureIsReportedTwice_thenOneFailureAndTheBoardShowsItSinceTheFirst() {
        String id = TestIds.next("LP");
        operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T2", "Talant", 40));
        Instant observed = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        Api.Response first = operator.post("/api/lighting/light-points/" + id + "/failures",
                "{\"kind\":\"lampFailure\",\"source\":\"telemetry\",\"observedAt\":\"" + observed + "\"}");
        Api.Response second = operator.post("/api/lighting/light-points/" + id + "/failures",
                "{\"kind\":\"lampFailure\",\"source\":\"citizen\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("recorded").asBoolean()).isFalse();
        assertThat(second.json().path("failureId").asText()).isEqualTo(first.json().path("failureId").asText());
        assertThat(eventCount(id)).isEqualTo(2);
        awaitLightPoint(id, "defectiveLamp");
        JsonNode board = await().atMost(Duration.ofSeconds(20)).until(
                () -> find(operator.get("/api/lighting/failures?commune=talant&size=500").json(), id), node -> node != null);
        assertThat(board.path("commune").asText()).isEqualTo("Talant");
        assertThat(Instant.parse(board.path("failingSince").asText())).isEqualTo(observed);
        assertThat(board.path("kinds").get(0).asText()).isEqualTo("lampFailure");
    }

    @Test
    void givenAFailingPoint_whenRepaired_thenOkAndOffTheBoard() {
        String id = TestIds.next("LP");
        operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T3", "Quetigny", 40));
        operator.post("/api/lighting/light-points/" + id + "/failures", "{\"kind\":\"columnDamage\",\"source\":\"patrol\"}");
        awaitLightPoint(id, "columnIssue");

        Api.Response repaired = operator.post("/api/lighting/light-points/" + id + "/repairs", "{}");

        assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
        assertThat(repaired.json().path("repairedFailureIds")).hasSize(1);
        awaitLightPoint(id, "ok");
        await().atMost(Duration.ofSeconds(20)).until(
                () -> find(operator.get("/api/lighting/failures?commune=Quetigny&size=500").json(), id) == null);
    }

    @Test
    void givenNoOpenFailure_whenRepaired_then409RepairNeedsAnOpenFailure() {
        String id = TestIds.next("LP");
        operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T3", "Dijon", 40));

        Api.Response response = operator.post("/api/lighting/light-points/" + id + "/repairs", "{}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("rule").asText()).isEqualTo("RepairNeedsAnOpenFailure");
    }

    @Test
    void givenADecommissionedPoint_whenAFailureIsReported_then409AndNothingWritten() {
        String id = TestIds.next("LP");
        operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T3", "Dijon", 40));
        Api.Response gone = new Api(port, "supervisor").post("/api/lighting/light-points/" + id + "/decommissioning",
                "{\"reason\":\"column removed for roadworks\"}");
        assertThat(gone.status()).as(gone.toString()).isEqualTo(200);

        Api.Response response = operator.post("/api/lighting/light-points/" + id + "/failures",
                "{\"kind\":\"lampFailure\",\"source\":\"telemetry\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("rule").asText()).isEqualTo("LightPointMustBeInService");
        assertThat(eventCount(id)).isEqualTo(2);
        awaitLightPoint(id, "decommissioned");
    }

    @Test
    void givenUnknownIds_whenAddressed_then404Problems() {
        assertThat(operator.get("/api/lighting/light-points/LP-NOPE-404").status()).isEqualTo(404);
        Api.Response failure = operator.post("/api/lighting/light-points/LP-NOPE-404/failures",
                "{\"kind\":\"lampFailure\",\"source\":\"telemetry\"}");
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.json().path("type").asText()).endsWith("/not-found");
        Api.Response reading = operator.post("/api/lighting/cabinets/CAB-NOPE-404/energy-readings",
                "{\"intervalStart\":\"2026-11-01T00:00:00Z\",\"intervalEnd\":\"2026-11-01T00:15:00Z\",\"kwh\":1.5}");
        assertThat(reading.status()).isEqualTo(404);
        assertThat(operator.get("/api/lighting/cabinets/CAB-NOPE-404/consumption?from=2026-11-01&to=2026-11-02").status())
                .isEqualTo(404);
    }

    @Test
    void givenBadInput_whenPosted_thenProblemNamingTheFieldAndNothingWritten() {
        String id = TestIds.next("LP");
        Api.Response badCommune = operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Beaune", 40));
        Api.Response badLatitude = operator.post("/api/lighting/light-points",
                lightPoint(id, "CAB-T1", "Dijon", 40).replace("47.3220", "147.3"));
        Api.Response badPower = operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T1", "Dijon", 0));
        Api.Response missing = operator.post("/api/lighting/light-points", "{\"lightPointId\":\"" + id + "\"}");
        Api.Response badId = operator.post("/api/lighting/light-points", lightPoint("bad id with spaces", "CAB-T1", "Dijon", 40));
        Api.Response unknownField = operator.post("/api/lighting/light-points",
                lightPoint(id, "CAB-T1", "Dijon", 40).replace("{", "{\"comune\":\"Dijon\","));
        Api.Response wrongType = operator.post("/api/lighting/light-points",
                lightPoint(id, "CAB-T1", "Dijon", 40).replace("47.3220", "\"north\""));
        Api.Response malformed = operator.post("/api/lighting/light-points", "{\"lightPointId\":");
        Api.Response notJson = operator.post("/api/lighting/light-points", "text/plain", "hello".getBytes());

        assertThat(badCommune.status()).isEqualTo(422);
        assertThat(badCommune.json().path("field").asText()).isEqualTo("commune");
        assertThat(badLatitude.json().path("field").asText()).isEqualTo("latitude");
        assertThat(badPower.json().path("field").asText()).isEqualTo("ratedPowerW");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(badId.json().path("field").asText()).isEqualTo("lightPointId");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("detail").asText()).contains("comune");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("field").asText()).isEqualTo("latitude");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount(id)).isZero();
        assertThat(operator.get("/api/lighting/failures?commune=Paris").status()).isEqualTo(422);
        assertThat(operator.get("/api/lighting/failures?size=100000").status()).isEqualTo(422);
        assertThat(operator.get("/api/lighting/failures?page=abc").status()).isEqualTo(400);
    }

    @Test
    void givenAHugeBody_whenPosted_then413BeforeParsing() {
        String huge = "{\"lightPointId\":\"" + "x".repeat(2_000_000) + "\"}";

        Api.Response response = operator.post("/api/lighting/light-points", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("type").asText()).endsWith("/payload-too-large");
    }

    @Test
    void givenACabinetNamedByAPoint_whenReadingsArrive_thenDailyConsumptionAndOverlapsRefused() {
        String cabinet = TestIds.next("CAB");
        operator.post("/api/lighting/light-points", lightPoint(TestIds.next("LP"), cabinet, "Longvic", 40));
        String firstReading = "{\"intervalStart\":\"2026-11-02T22:45:00Z\",\"intervalEnd\":\"2026-11-02T23:15:00Z\",\"kwh\":2.000}";
        Api.Response recorded = await().atMost(Duration.ofSeconds(60)).until(
                () -> operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings", firstReading),
                response -> response.status() != 404);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);

        Api.Response repeat = operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings", firstReading);
        Api.Response overlap = operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings",
                "{\"intervalStart\":\"2026-11-02T23:00:00Z\",\"intervalEnd\":\"2026-11-02T23:30:00Z\",\"kwh\":1}");
        Api.Response backwards = operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings",
                "{\"intervalStart\":\"2026-11-02T20:00:00Z\",\"intervalEnd\":\"2026-11-02T20:15:00Z\",\"kwh\":1}");
        Api.Response tooMuch = operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings",
                "{\"intervalStart\":\"2026-11-02T23:15:00Z\",\"intervalEnd\":\"2026-11-02T23:30:00Z\",\"kwh\":900}");
        Api.Response inverted = operator.post("/api/lighting/cabinets/" + cabinet + "/energy-readings",
                "{\"intervalStart\":\"2026-11-02T23:30:00Z\",\"intervalEnd\":\"2026-11-02T23:15:00Z\",\"kwh\":1}");

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.json().path("rule").asText()).isEqualTo("EnergyReadingsMustNotOverlap");
        assertThat(backwards.json().path("rule").asText()).isEqualTo("EnergyReadingsMustMoveForward");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(inverted.json().path("field").asText()).isEqualTo("intervalEnd");
        JsonNode days = await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response response = operator.get("/api/lighting/cabinets/" + cabinet + "/consumption?from=2026-11-01&to=2026-11-05");
            return response.status() == 200 && response.json().path("days").size() == 2 ? response.json().path("days") : null;
        }, node -> node != null);
        assertThat(days.get(0).path("day").asText()).isEqualTo("2026-11-02");
        assertThat(days.get(0).path("kwh").asDouble()).isEqualTo(1.0);
        assertThat(days.get(1).path("kwh").asDouble()).isEqualTo(1.0);
    }

    static JsonNode find(JsonNode page, String lightPointId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("lightPointId").asText().equals(lightPointId)) {
                return item;
            }
        }
        return null;
    }

    /** Text that no read model could store (U+0000) or that hides control characters is refused at the door. */
    @Test
    void givenControlCharactersInText_thenProblemNamingTheFieldAndNothingWritten() {
        String id = TestIds.next("LP");
        assertThat(operator.post("/api/lighting/light-points", lightPoint(id, "CAB-T2", "Dijon", 40)).status()).isEqualTo(201);
        long before = eventCount(id);
        Api supervisor = new Api(port, "supervisor");

        Api.Response nulInName = supervisor.post("/api/lighting/light-points/" + id + "/dimming-program",
                "{\"name\":\"Eco\\u0000\",\"steps\":[{\"anchor\":\"sunset\",\"level\":100}]}");
        Api.Response escapeInName = supervisor.post("/api/lighting/light-points/" + id + "/dimming-program",
                "{\"name\":\"Eco\\u001b[31m\",\"steps\":[{\"anchor\":\"sunset\",\"level\":100}]}");
        Api.Response nulInReason = supervisor.post("/api/lighting/light-points/" + id + "/decommissioning",
                "{\"reason\":\"column removed\\u0000\"}");

        assertThat(nulInName.status()).as(nulInName.toString()).isEqualTo(422);
        assertThat(nulInName.json().path("field").asText()).isEqualTo("name");
        assertThat(escapeInName.status()).isEqualTo(422);
        assertThat(nulInReason.status()).as(nulInReason.toString()).isEqualTo(422);
        assertThat(nulInReason.json().path("field").asText()).isEqualTo("reason");
        assertThat(eventCount(id)).isEqualTo(before);
    }
}
