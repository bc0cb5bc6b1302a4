package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The phone line end to end over HTTP: a call about a street light ends with the point repaired through the existing
 * failure and intervention flow, and the request closed as fixed; reports on a place open one intervention that a
 * second report nearby joins; bad input is refused and writes nothing.
 */
@IntegrationTest
class ReportsApiTest {

    /** Degrees of latitude for about 11 m. */
    static final double ELEVEN_METRES = 0.0001;

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

    /** A place of its own for each test, far from every other test's points and reports. */
    static double[] freshPlace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double latitude = 46.0 + random.nextDouble() * 0.9;
        double longitude = 3.0 + random.nextDouble() * 1.5;
        // the middle of a place cell, so that a report 11 m away stays in it
        latitude = (Math.floor(latitude / 0.00027) + 0.5) * 0.00027;
        longitude = (Math.floor(longitude / 0.0004) + 0.5) * 0.0004;
        return new double[] {latitude, longitude};
    }

    private JsonNode awaitReport(String id, java.util.function.Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Response response = operator.get("/api/reports/" + id);
            last[0] = response.status() == 200 ? response.json() : null;
            return last[0] != null && until.test(last[0]);
        });
        return last[0];
    }

    private String take(String body) {
        Api.Response taken = operator.post("/api/reports", body);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(taken.header("Location")).endsWith("/api/reports/" + taken.json().path("serviceRequestId").asText());
        assertThat(taken.json().path("reporterId").asText()).startsWith("RPT-");
        return taken.json().path("serviceRequestId").asText();
    }

    @Test
    void givenALightPoint_whenACallerReportsTheStreetLightOutNearby_thenThePointFailsAndItsRepairClosesTheRequest() {
        double[] place = freshPlace();
        String point = TestIds.next("LP");
        assertThat(operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-RPT-1", "Quetigny", 40)
                .replace("47.3220", String.valueOf(place[0])).replace("5.0415", String.valueOf(place[1]))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/lighting/light-points/" + point).status() == 200);

        String id = take("""
                {"serviceCode":"street-light-out","latitude":%s,"longitude":%s,"firstName":"Zoé","lastName":"Marchal",
                 "phone":"+33 6 12 34 56 78","email":"zoe.marchal@example.org",
                 "description":"Le lampadaire devant le 4 est éteint depuis hier soir."}"""
                .formatted(place[0] + ELEVEN_METRES, place[1]));

        JsonNode linked = awaitReport(id, report -> !report.path("interventionId").isNull() && report.path("interventionId").isTextual());
        assertThat(linked.path("assetId").asText()).isEqualTo(point);
        assertThat(linked.path("commune").asText()).isEqualTo("Quetigny");
        assertThat(linked.path("status").asText()).isEqualTo("confirmed");
        assertThat(linked.path("channel").asText()).isEqualTo("phone");
        assertThat(linked.path("interventionId").asText()).isEqualTo("INT-CIT-" + id);
        assertThat(linked.path("reporter").path("firstName").asText()).isEqualTo("Zoé");
        assertThat(linked.path("reporter").path("description").asText()).contains("lampadaire");
        assertThat(linked.path("reporter").path("erased").asBoolean()).isFalse();
        JsonNode failures = operator.get("/api/lighting/light-points/" + point).json().path("openFailures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("failureId").asText()).isEqualTo("CIT-" + id);
        assertThat(failures.get(0).path("source").asText()).isEqualTo("citizen");

        Scenarios.assignAndResolve(operator, "INT-CIT-" + id, Scenarios.crewOnShift(supervisor, "lighting"));

        JsonNode fixed = awaitReport(id, report -> report.path("status").asText().equals("fixed"));
        assertThat(fixed.path("closedAt").isTextual()).isTrue();
        assertThat(fixed.path("updates").get(0).path("status").asText()).isEqualTo("fixed");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                operator.get("/api/lighting/light-points/" + point).json().path("openFailures").isEmpty());
    }

    @Test
    void givenAQualifiedPotholeReport_whenASecondIsReportedNearby_thenItJoinsTheOneInterventionAndTheResolutionClosesBoth() {
        double[] place = freshPlace();
        String body = """
                {"serviceCode":"pothole","latitude":%s,"longitude":%s,"commune":"Talant","description":"Nid de poule"}""";
        String first = take(body.formatted(place[0], place[1]));
        assertThat(operator.post("/api/reports/" + first + "/qualification", "{\"serviceCode\":\"pothole\",\"priority\":\"p2\"}")
                .status()).isEqualTo(200);
        String intervention = awaitReport(first, report -> report.path("interventionId").isTextual()).path("interventionId").asText();
        assertThat(intervention).isEqualTo("INT-" + first);
        JsonNode opened = operator.get("/api/interventions/" + intervention).json();
        assertThat(opened.path("category").asText()).isEqualToIgnoringCase("roadworks");
        assertThat(opened.path("priority").asText()).isEqualToIgnoringCase("p2");

        String second = take(body.formatted(place[0] + ELEVEN_METRES, place[1]));
        assertThat(operator.post("/api/reports/" + second + "/qualification", "{\"serviceCode\":\"pothole\",\"priority\":\"p3\"}")
                .status()).isEqualTo(200);
        assertThat(awaitReport(second, report -> report.path("interventionId").isTextual()).path("interventionId").asText())
                .isEqualTo(intervention);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                "INT-" + second)).as("no second intervention").isZero();

        Scenarios.assignAndResolve(operator, intervention, Scenarios.crewOnShift(supervisor, "roadworks"));

        assertThat(awaitReport(first, report -> report.path("status").asText().equals("fixed")).path("closedAt").isTextual()).isTrue();
        assertThat(awaitReport(second, report -> report.path("status").asText().equals("fixed")).path("closedAt").isTextual()).isTrue();
    }

    @Test
    void givenAReport_whenTheOperatorUpdatesMarksAndCloses_thenTheHistoryIsKeptAndAClosedRequestRefusesMore() {
        double[] place = freshPlace();
        String original = take("{\"serviceCode\":\"graffiti\",\"address\":\"3 place Darcy\",\"commune\":\"Dijon\"}");
        String copy = take("{\"serviceCode\":\"graffiti\",\"latitude\":%s,\"longitude\":%s}".formatted(place[0], place[1]));
        awaitReport(original, report -> true);
        awaitReport(copy, report -> true);

        assertThat(operator.post("/api/reports/" + original + "/updates",
                "{\"status\":\"action_scheduled\",\"note\":\"Une équipe passe jeudi.\"}").status()).isEqualTo(200);
        assertThat(operator.post("/api/reports/" + copy + "/duplicate-of", "{\"originalId\":\"" + original + "\"}").status())
                .isEqualTo(200);
        assertThat(operator.post("/api/reports/" + original + "/closure",
                "{\"resolution\":\"fixed\",\"note\":\"Nettoyé.\"}").status()).isEqualTo(200);

        JsonNode closed = awaitReport(original, report -> report.path("status").asText().equals("fixed"));
        assertThat(closed.path("updates")).hasSize(2);
        assertThat(closed.path("updates").get(0).path("note").asText()).isEqualTo("Une équipe passe jeudi.");
        assertThat(awaitReport(copy, report -> report.path("status").asText().equals("duplicate")).path("duplicateOf").asText())
                .isEqualTo(original);
        Api.Response afterClosure = operator.post("/api/reports/" + original + "/updates",
                "{\"status\":\"in_progress\",\"note\":\"Encore.\"}");
        assertThat(afterClosure.status()).isEqualTo(409);
        assertThat(afterClosure.json().path("rule").asText()).isEqualTo("ServiceRequestMustBeOpen");

        JsonNode list = operator.get("/api/reports?closed=true&serviceCode=graffiti&size=500").json();
        assertThat(list.path("items").findValuesAsText("serviceRequestId")).contains(original, copy);
        assertThat(list.toString()).doesNotContain("reporter");
    }

    /** Found in review: a request an operator linked by hand stayed open for ever, and its reporter's data with it. */
    @Test
    void givenARequestLinkedByHandToAPatrolsIntervention_whenTheInterventionIsResolved_thenTheRequestCloses() {
        String request = take("{\"serviceCode\":\"damaged-street-furniture\",\"address\":\"Parc Darcy\",\"commune\":\"Dijon\"}");
        awaitReport(request, report -> true);
        String intervention = Scenarios.openIntervention(operator, "p3", "roadworks");
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/" + intervention).status() == 200);

        assertThat(operator.post("/api/reports/" + request + "/intervention", "{\"interventionId\":\"" + intervention + "\"}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> operator.get("/api/interventions/" + intervention).json()
                .path("attachedFaults").toString().contains("CIT-" + request));
        Scenarios.assignAndResolve(operator, intervention, Scenarios.crewOnShift(supervisor, "roadworks"));

        assertThat(awaitReport(request, report -> report.path("status").asText().equals("fixed")).path("interventionId").asText())
                .isEqualTo(intervention);
        await().atMost(Duration.ofSeconds(30)).until(() -> operator.get("/api/interventions/" + intervention).json()
                .path("status").asText().equalsIgnoreCase("resolved"));
        Api.Response resolvedLink = operator.post("/api/reports/" + take("{\"serviceCode\":\"graffiti\",\"address\":\"1 rue\"}")
                + "/intervention", "{\"interventionId\":\"" + intervention + "\"}");
        assertThat(resolvedLink.status()).as(resolvedLink.toString()).isEqualTo(409);
        assertThat(resolvedLink.json().path("rule").asText()).isEqualTo("InterventionMustBeActive");
    }

    @Test
    void givenBadInput_whenACallIsTaken_thenA4xxProblemNamingTheFieldAndNothingWritten() {
        String newRequests = "SELECT count(*) FROM domainevententry WHERE type = 'ServiceRequest' AND sequencenumber = 0";
        long before = jdbc.queryForObject(newRequests, Long.class);
        long keysBefore = jdbc.queryForObject("SELECT count(*) FROM reporter_key", Long.class);

        assertField(operator.post("/api/reports", "{\"serviceCode\":\"volcano\",\"address\":\"1 rue\"}"), 422, "serviceCode");
        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\"}"), 422, "position");
        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\",\"address\":\"1 rue\",\"email\":\"nope\"}"), 422, "email");
        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\",\"address\":\"1 rue\",\"phone\":\"call me\"}"), 422, "phone");
        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\",\"latitude\":91,\"longitude\":5}"), 422, "latitude");
        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\",\"address\":\"1 rue\",\"mediaUrl\":\"file:///etc/passwd\"}"),
                422, "mediaUrl");
        Api.Response unknownPoint = operator.post("/api/reports",
                "{\"serviceCode\":\"street-light-out\",\"address\":\"1 rue\",\"assetId\":\"LP-NOPE-1\"}");
        assertThat(unknownPoint.status()).isEqualTo(409);
        assertThat(unknownPoint.json().path("rule").asText()).isEqualTo("ReportedLightPointMustExist");
        assertThat(operator.get("/api/reports/SR-NOPE").status()).isEqualTo(404);
        assertThat(operator.post("/api/reports/SR-NOPE/qualification", "{\"serviceCode\":\"pothole\",\"priority\":\"p3\"}").status())
                .isEqualTo(404);
        assertThat(operator.as("auditor").post("/api/reports", "{\"serviceCode\":\"pothole\",\"address\":\"1 rue\"}").status())
                .isEqualTo(403);
        assertThat(operator.as("auditor").get("/api/reports/SR-NOPE").status()).as("details hold personal data").isEqualTo(403);

        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\",\"address\":\"1 rue\\u0000\",\"firstName\":\"Zoé\"}"),
                422, "address");
        assertField(operator.post("/api/reports", "{\"serviceCode\":\"pothole\",\"address\":\"1 rue\",\"firstName\":\"Zoé\",\"mediaUrl\":\"ftp://x.example/a\"}"),
                422, "mediaUrl");

        assertThat(jdbc.queryForObject(newRequests, Long.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reporter_key", Long.class)).as("no key for a refused report")
                .isEqualTo(keysBefore);
    }

    private static void assertField(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("field").asText()).as(response.toString()).startsWith(field);
    }
}
