package io.pilotage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An auditor reconstructs an intervention end to end over HTTP: a lamp failure reported by an operator opens it
 * through the policy, a crew is assigned and works it with the clock paused a while, it is resolved, the policy
 * puts the lamp back on and frees the crew, a supervisor closes it. The timeline lists all of it, in position
 * order, with who did each step in which capacity and through which channel, and as of any instant only what was
 * recorded before.
 */
@IntegrationTest
class InterventionTimelineApiTest {

    private static final String OPENING_POLICY = "system:WhenLampFailureReportedThenOpenIntervention";
    private static final String REPAIR_POLICY = "system:WhenInterventionResolvedThenClearLampFailure";

    @LocalServerPort
    int port;

    Api operator;
    Api supervisor;
    Api auditor;

    @BeforeEach
    void setUp() {
        operator = new Api(port, "operator");
        supervisor = new Api(port, "supervisor");
        auditor = new Api(port, "auditor");
    }

    /** A lamp failure's whole life; answers the intervention's id and the position of its closure. */
    private Lifecycle lampFailureFromReportToClosure() {
        String point = TestIds.next("LP");
        assertThat(operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-AUD-T", "Talant", 40))
                .status()).isEqualTo(201);
        String failureId = Scenarios.reportFailure(operator, point, "columnDamage", "patrol");
        String interventionId = "INT-" + failureId;
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/" + interventionId).status() == 200);
        String crew = Scenarios.crewOnShift(supervisor, "lighting");
        assertThat(operator.post("/api/interventions/" + interventionId + "/assignments", "{\"crewId\":\"" + crew + "\"}")
                .status()).isEqualTo(200);
        step(operator, interventionId, "departure", "{}");
        step(operator, interventionId, "arrival", "{}");
        step(supervisor, interventionId, "pauses", "{\"reason\":\"access_impossible\"}");
        step(supervisor, interventionId, "resumptions", "{}");
        step(operator, interventionId, "made-safe", "{}");
        step(operator, interventionId, "resolution", "{\"resolution\":\"repaired\"}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                operator.get("/api/lighting/light-points/" + point).json().path("status").asText().equals("ok"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !operator.get("/api/crews?status=on_intervention&size=500")
                .body().contains(crew));
        Api.Response closed = supervisor.post("/api/interventions/" + interventionId + "/closure", "{}");
        assertThat(closed.status()).isEqualTo(200);
        return new Lifecycle(interventionId, failureId, closed.header("Pilotage-Position"));
    }

    private record Lifecycle(String interventionId, String failureId, String closedAt) {
    }

    private static void step(Api api, String interventionId, String step, String body) {
        Api.Response response = api.post("/api/interventions/" + interventionId + "/" + step, body);
        assertThat(response.status()).as(step + ": " + response).isEqualTo(200);
    }

    private static List<JsonNode> entries(JsonNode timeline) {
        return StreamSupport.stream(timeline.path("entries").spliterator(), false).toList();
    }

    private static List<String> types(List<JsonNode> entries) {
        return entries.stream().map(entry -> entry.path("eventType").asText()).toList();
    }

    private static JsonNode only(List<JsonNode> entries, String type) {
        List<JsonNode> found = entries.stream().filter(entry -> entry.path("eventType").asText().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static List<String> who(JsonNode entry) {
        return List.of(entry.path("actorId").asText(), entry.path("actorRole").asText(), entry.path("channel").asText());
    }

    @Test
    void givenALampFailureWorkedToClosure_whenTheAuditorAsks_thenTheTimelineRunsFromTheFailureToTheLampBackOnWithWhoDidWhat() {
        Lifecycle life = lampFailureFromReportToClosure();

        Api.Response answer = auditor.with("Pilotage-Min-Position", life.closedAt()).get("/api/audit/interventions/" + life.interventionId());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode timeline = answer.json();
        assertThat(timeline.path("interventionId").asText()).isEqualTo(life.interventionId());
        assertThat(timeline.path("asOf").isNull()).isTrue();
        List<JsonNode> entries = entries(timeline);
        List<String> types = types(entries);
        assertThat(types.subList(0, 11)).containsExactly("LampFailureReported", "AssetClaimed", "InterventionOpened",
                "CrewCommitted", "CrewAssigned", "CrewDeparted", "CrewArrived", "ClockPaused", "ClockResumed",
                "InterventionMadeSafe", "InterventionResolved");
        assertThat(types.subList(11, 13)).as("the two policies reacting to the resolution, in either order")
                .containsExactlyInAnyOrder("LampRepaired", "CrewReleased");
        assertThat(types.subList(13, types.size())).containsExactly("InterventionClosed");
        List<Long> positions = entries.stream().map(entry -> entry.path("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();

        JsonNode failure = only(entries, "LampFailureReported");
        JsonNode opened = only(entries, "InterventionOpened");
        JsonNode resolved = only(entries, "InterventionResolved");
        JsonNode repaired = only(entries, "LampRepaired");
        assertThat(who(failure)).containsExactly("operator", "OPERATOR", "api");
        assertThat(failure.path("payload").path("failureId").asText()).isEqualTo(life.failureId());
        assertThat(failure.path("commandName").asText()).isEqualTo("ReportLampFailure");
        assertThat(who(opened)).containsExactly(OPENING_POLICY, "SYSTEM", "policy");
        assertThat(opened.path("triggeringEventId").asText()).as("the opening names the failure that caused it")
                .isEqualTo(failure.path("eventId").asText());
        assertThat(opened.path("correlationId").asText()).isEqualTo(failure.path("correlationId").asText());
        assertThat(opened.path("aggregateId").asText()).isEqualTo(life.interventionId());
        assertThat(who(only(entries, "CrewAssigned"))).containsExactly("operator", "OPERATOR", "api");
        assertThat(who(only(entries, "ClockPaused"))).containsExactly("supervisor", "SUPERVISOR", "api");
        assertThat(only(entries, "ClockPaused").path("payload").path("reason").asText()).isEqualTo("ACCESS_IMPOSSIBLE");
        assertThat(who(resolved)).containsExactly("operator", "OPERATOR", "api");
        assertThat(who(repaired)).as("the light point back to ok").containsExactly(REPAIR_POLICY, "SYSTEM", "policy");
        assertThat(repaired.path("triggeringEventId").asText()).isEqualTo(resolved.path("eventId").asText());
        assertThat(repaired.path("payload").path("failureId").asText()).isEqualTo(life.failureId());
        assertThat(who(only(entries, "InterventionClosed"))).containsExactly("supervisor", "SUPERVISOR", "api");
        for (JsonNode entry : entries) {
            assertThat(Instant.parse(entry.path("recordedAt").asText())).isNotNull();
            assertThat(Instant.parse(entry.path("occurredAt").asText())).isNotNull();
            assertThat(entry.path("sequenceNumber").isIntegralNumber()).isTrue();
            assertThat(entry.path("causationId").asText()).isNotBlank();
        }

        long last = positions.get(positions.size() - 1);
        JsonNode sealed = await().atMost(Duration.ofSeconds(20)).until(() -> auditor.get("/api/audit/interventions/"
                + life.interventionId()).json().path("chainHead"), head -> head.path("position").asLong(-1) >= last);
        assertThat(sealed.path("link").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void givenAnInstantBetweenThePauseAndTheResumption_whenAskedAsOfIt_thenExactlyTheEventsRecordedBefore() {
        Lifecycle life = lampFailureFromReportToClosure();
        List<JsonNode> all = entries(auditor.with("Pilotage-Min-Position", life.closedAt())
                .get("/api/audit/interventions/" + life.interventionId()).json());
        Instant paused = Instant.parse(only(all, "ClockPaused").path("recordedAt").asText());
        Instant resumed = Instant.parse(only(all, "ClockResumed").path("recordedAt").asText());
        Instant between = paused.plus(Duration.between(paused, resumed).dividedBy(2));
        assertThat(between).isAfter(paused).isBefore(resumed);

        Api.Response answer = auditor.get("/api/audit/interventions/" + life.interventionId() + "?asOf=" + between);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode asOf = answer.json();
        assertThat(Instant.parse(asOf.path("asOf").asText())).isEqualTo(between);
        List<JsonNode> before = new ArrayList<>();
        all.stream().filter(entry -> Instant.parse(entry.path("recordedAt").asText()).isBefore(between)).forEach(before::add);
        assertThat(entries(asOf)).isEqualTo(before);
        assertThat(types(entries(asOf))).containsExactly("LampFailureReported", "AssetClaimed", "InterventionOpened",
                "CrewCommitted", "CrewAssigned", "CrewDeparted", "CrewArrived", "ClockPaused");
        if (!asOf.path("chainHead").isNull()) {
            assertThat(Instant.parse(asOf.path("chainHead").path("recordedAt").asText())).isBefore(between);
        }

        Instant beforeOpening = Instant.parse(only(all, "InterventionOpened").path("recordedAt").asText());
        Api.Response notYetOpen = auditor.get("/api/audit/interventions/" + life.interventionId() + "?asOf=" + beforeOpening);
        assertThat(notYetOpen.status()).as("the intervention did not exist as of its own opening").isEqualTo(404);
        assertThat(notYetOpen.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void givenTheTimelineAskedAsATableAndAsAPage_thenTheSameEntries_theCsvWithAHeader_theHtmlEscaped() {
        Lifecycle life = lampFailureFromReportToClosure();
        Api sure = auditor.with("Pilotage-Min-Position", life.closedAt());
        int count = entries(sure.get("/api/audit/interventions/" + life.interventionId()).json()).size();

        Api.Response csv = sure.with("Accept", "text/csv").get("/api/audit/interventions/" + life.interventionId());
        Api.Response html = sure.with("Accept", "text/html").get("/api/audit/interventions/" + life.interventionId());

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(count + 1);
        assertThat(lines[0]).isEqualTo("position,recorded_at,occurred_at,event_type,aggregate_id,sequence_number,event_id,"
                + "actor_id,actor_role,channel,command_name,correlation_id,causation_id,triggering_event_id,payload");
        assertThat(lines[1]).contains("LampFailureReported").contains(",operator,OPERATOR,api,");
        assertThat(lines[count]).contains("InterventionClosed");

        assertThat(html.status()).as(html.toString()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        String page = html.body();
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains(life.interventionId())
                .contains("Chain head position").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.split("<tr>", -1)).as("a header row and a row per entry").hasSize(count + 2);
        assertThat(page).as("payloads are JSON, escaped").contains("&quot;failureId&quot;:&quot;" + life.failureId() + "&quot;")
                .doesNotContain("\"failureId\"");
        for (String accept : List.of("*/*", "application/json, text/html;q=0.9")) {
            Api.Response json = sure.with("Accept", accept).get("/api/audit/interventions/" + life.interventionId());
            assertThat(json.header("Content-Type")).as("JSON unless asked otherwise: " + accept).startsWith("application/json");
            assertThat(entries(json.json())).hasSize(count);
        }
    }

    @Test
    void givenAnUnknownIntervention_whenAskedInAnyFormat_then404ProblemInJson() {
        for (String accept : List.of("application/json", "text/csv", "text/html", "*/*")) {
            Api.Response missing = auditor.with("Accept", accept).get("/api/audit/interventions/INT-" + TestIds.next("NOPE"));

            assertThat(missing.status()).as(accept + ": " + missing).isEqualTo(404);
            assertThat(missing.header("Content-Type")).as(accept).startsWith("application/problem+json");
            assertThat(missing.json().path("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void givenAnAsOfThatIsNoInstantOrOutOfRange_thenAProblemNamingIt() {
        String path = "/api/audit/interventions/INT-" + TestIds.next("X");

        Api.Response unreadable = auditor.with("Accept", "text/html").get(path + "?asOf=yesterday");
        Api.Response outOfRange = auditor.with("Accept", "text/csv").get(path + "?asOf=-999999999-01-01T00:00:00Z");

        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unreadable.json().path("field").asText()).isEqualTo("asOf");
        assertThat(outOfRange.status()).isEqualTo(422);
        assertThat(outOfRange.header("Content-Type")).startsWith("application/problem+json");
        assertThat(outOfRange.json().path("field").asText()).isEqualTo("asOf");
    }

    @Test
    void givenAnOperatorOrAContractManager_whenAskingForATimeline_then403() {
        String path = "/api/audit/interventions/INT-" + TestIds.next("X");

        assertThat(new Api(port, "operator").get(path).status()).isEqualTo(403);
        assertThat(new Api(port, "contract-manager").with("Accept", "text/html").get(path).status()).isEqualTo(403);
        assertThat(new Api(port, "admin").get(path).status()).isEqualTo(404);
    }
}
