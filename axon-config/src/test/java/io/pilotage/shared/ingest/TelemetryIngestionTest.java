package io.pilotage.shared.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestBroker;
import io.pilotage.TestCommands;
import io.pilotage.TestIds;
import io.pilotage.TestMetaData;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.traffic.Conflict;
import io.pilotage.traffic.IntersectionCommands.RegisterIntersection;
import io.pilotage.traffic.IntersectionEvent;
import io.pilotage.traffic.IntersectionId;
import io.pilotage.traffic.SignalGroup;
import io.pilotage.traffic.TimingPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Telemetry through the real broker and through HTTP: phase changes with duplicates and redeliveries mixed in are in
 * the event store exactly once, under the device's system actor; a conflicting green published on MQTT opens a P1
 * intervention; what cannot be read or is refused is parked with its reason while the stream goes on.
 */
@IntegrationTest
class TelemetryIngestionTest {

    /**
     * An hour ago, not a fixed day: a bus's priority request must be within a day of its arrival, so a fixed T0 made the
     * first test fail from the day after it was written.
     */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    private IntersectionId registered() {
        IntersectionId id = new IntersectionId(TestIds.next("TL"));
        commands.sendAndWait(new RegisterIntersection(id, Commune.DIJON, new GeoPosition(47.3220, 5.0410),
                List.of(new SignalGroup(1, "north, through"), new SignalGroup(2, "south, through"), new SignalGroup(3, "east, through")),
                List.of(new Conflict(1, 3)), List.of(new TimingPlan("DAY", 90)), "DAY", T0), TestMetaData.from("test"));
        return id;
    }

    private static String change(int group, String state, int second, long sequence) {
        return """
                {"signalGroup":%d,"state":"%s","controllerTime":"%s","sequence":%d}""".formatted(group, state, T0.plusSeconds(second), sequence);
    }

    private static String message(String messageId, IntersectionId id, String... changes) {
        return """
                {"messageId":"%s","device":"CTRL-%s","intersectionId":"%s","phaseChanges":[%s]}"""
                .formatted(messageId, id.value(), id.value(), String.join(",", changes));
    }

    private String registeredPoint() {
        String point = TestIds.next("LP");
        commands.sendAndWait(TestCommands.registerLightPoint(point, TestIds.next("CAB"), T0), TestMetaData.from("test"));
        return point;
    }

    private static String lampFailure(String messageId, String point, String failureId, String kind) {
        return """
                {"messageId":"%s","device":"SEG-%s","failures":[{"lightPointId":"%s","failureId":"%s","kind":"%s",\
                "observedAt":"%s"}]}""".formatted(messageId, point, point, failureId, kind, T0.plusSeconds(60));
    }

    private long failures(String point) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Long.class, point, "%LampFailureReported");
    }

    private long phaseChanges(IntersectionId id) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                Long.class, id.value(), IntersectionEvent.SignalGroupPhaseChanged.class.getName());
    }

    private long parkedWith(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM ingest_dead_letter WHERE position(convert_to(?, 'UTF8') IN payload) > 0",
                Long.class, text);
    }

    private long parked(String messageId) {
        return jdbc.queryForObject("SELECT count(*) FROM ingest_dead_letter WHERE message_id = ?", Long.class, messageId);
    }

    @Test
    void givenMessagesOnTheBroker_withRedeliveriesAndDuplicates_thenEachReportIsStoredOnce_andBadOnesAreParked() throws Exception {
        Assumptions.assumeTrue(TestBroker.available(), "No MQTT broker: Mosquitto is not installed and nothing listens on 1883");
        IntersectionId id = registered();
        String bus = TestIds.next("BUS");
        String point = registeredPoint();
        String first = message("M1-" + id.value(), id, change(1, "protected_movement_allowed", 1, 1),
                change(2, "stop_and_remain", 2, 2), change(3, "stop_and_remain", 3, 3));
        String second = message("M2-" + id.value(), id, change(1, "stop_and_remain", 10, 4),
                change(2, "protected_movement_allowed", 11, 5), change(3, "stop_and_remain", 3, 3));
        String conflicting = message("M3-" + id.value(), id, change(1, "protected_movement_allowed", 20, 6),
                change(3, "protected_movement_allowed", 21, 7));
        String unknownGroup = message("M4-" + id.value(), id, change(9, "protected_movement_allowed", 30, 8));
        String malformed = "{\"messageId\":\"M5-" + id.value() + "\",\"device\":";

        try (MqttClient publisher = TestBroker.publisher()) {
            String topic = "pilotage/traffic/" + id.value();
            String priority = """
                    {"messageId":"M7-%s","device":"OBU-%s","intersectionId":"%s","priorityRequests":[{"requestId":7,\
                    "vehicleId":"%s","line":"L5","signalGroup":1,"latenessSeconds":60,"at":"%s"}]}"""
                    .formatted(bus, bus, id.value(), bus, T0.plusSeconds(25));
            String last = message("M6-" + id.value(), id, change(2, "stop_and_remain", 40, 9));
            for (String payload : List.of(first, first, second, first, conflicting, unknownGroup, priority, malformed, conflicting,
                    priority, last)) {
                publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            String lightingTopic = "pilotage/lighting/SEG-" + point;
            String failure = lampFailure("M8-" + point, point, "TALQ-1", "lampFailure");
            for (String payload : List.of(failure, failure, lampFailure("M9-" + point, point, "TALQ-2", "dimmingFailure"))) {
                publisher.publish(lightingTopic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            publisher.disconnect();
        }

        // One topic's messages go in in order: once the last one's report is in, every message before it was taken in.
        await().atMost(Duration.ofSeconds(30)).until(() -> phaseChanges(id) >= 8);
        assertThat(phaseChanges(id)).as("8 distinct reports, sent 14 times").isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, bus + ":7"))
                .as("a bus's priority request published twice").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> failures(point) >= 2);
        assertThat(failures(point)).as("two lamp failures, one of them published twice").isEqualTo(2);
        assertThat(parkedWith("M5-" + id.value())).isEqualTo(1);
        assertThat(parked("M4-" + id.value())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT reason FROM ingest_dead_letter WHERE message_id = ?", String.class, "M4-" + id.value()))
                .isEqualTo("rule/SignalGroupMustBeKnown");
        assertThat(jdbc.queryForObject("SELECT reason FROM ingest_dead_letter WHERE position(convert_to(?, 'UTF8') IN payload) > 0",
                String.class, "M5-" + id.value())).isEqualTo("malformed");
        assertThat(jdbc.queryForList("SELECT DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'actorId' FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = ?", String.class, id.value(),
                IntersectionEvent.SignalGroupPhaseChanged.class.getName())).containsExactly("system:device:CTRL-" + id.value());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                Long.class, id.value(), IntersectionEvent.ConflictingGreensDetected.class.getName())).isEqualTo(1);

        Api operator = new Api(port, "operator");
        String interventionId = "INT-" + id.value() + ":CG-1-3-" + T0.plusSeconds(21).toEpochMilli();
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/interventions/" + interventionId).status() == 200);
        assertThat(operator.get("/api/interventions/" + interventionId).json().path("priority").asText()).isEqualTo("P1");
        await().atMost(Duration.ofSeconds(20)).until(() -> "PROTECTED_MOVEMENT_ALLOWED".equals(operator.get("/api/traffic/intersections/"
                + id.value()).json().path("signalGroups").path(2).path("state").asText()));
        Api.Response atTen = operator.get("/api/traffic/intersections/" + id.value() + "/state?at=" + T0.plusSeconds(12));
        assertThat(atTen.json().path("signalGroups").path(0).path("state").asText()).isEqualTo("STOP_AND_REMAIN");
        assertThat(atTen.json().path("signalGroups").path(1).path("state").asText()).isEqualTo("PROTECTED_MOVEMENT_ALLOWED");

        Api.Response parkedList = new Api(port, "admin").get("/api/admin/ingest-dead-letters?kind=traffic&size=500");
        assertThat(parkedList.status()).isEqualTo(200);
        assertThat(parkedList.body()).contains("M4-" + id.value(), "M5-" + id.value(), "\"reason\":\"malformed\"");
    }

    @Test
    void givenADeviceThatPosts_whenItSendsTheSameMessageTwice_thenTheSecondIsAllDuplicates_andRefusalsAreProblemsAndParked() {
        IntersectionId id = registered();
        Api device = new Api(port, "device");
        String body = message("H1-" + id.value(), id, change(1, "protected_movement_allowed", 1, 1), change(2, "stop_and_remain", 2, 2));

        Api.Response first = device.post("/api/traffic/ingest", body);
        Api.Response again = device.post("/api/traffic/ingest", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("events").asInt()).isEqualTo(2);
        assertThat(again.json().path("events").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(2);
        assertThat(phaseChanges(id)).isEqualTo(2);

        Api.Response unknownIntersection = device.post("/api/traffic/ingest",
                message("H2-" + id.value(), new IntersectionId(TestIds.next("TL")), change(1, "dark", 5, 9)));
        Api.Response badState = device.post("/api/traffic/ingest", message("H3-" + id.value(), id, change(1, "purple", 5, 9)));
        Api.Response unreadable = device.post("/api/traffic/ingest", "{\"messageId\":\"H4-" + id.value() + "\",");
        Api.Response partly = device.post("/api/traffic/ingest", """
                {"messageId":"H5-%s","device":"CTRL","intersectionId":"%s","phaseChanges":[%s],"planChanges":[{"planId":"NIGHT","at":"%s"}]}"""
                .formatted(id.value(), id.value(), change(2, "protected_movement_allowed", 6, 10), T0.plusSeconds(6)));

        assertThat(unknownIntersection.status()).isEqualTo(404);
        assertThat(badState.status()).isEqualTo(422);
        assertThat(badState.json().path("field").asText()).isEqualTo("state");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(partly.status()).as(partly.toString()).isEqualTo(200);
        assertThat(partly.json().path("events").asInt()).isEqualTo(1);
        assertThat(partly.json().path("parked").path(0).path("reason").asText()).isEqualTo("rule/TimingPlanMustBeKnown");
        assertThat(phaseChanges(id)).isEqualTo(3);
        for (String refused : List.of("H2-", "H3-", "H5-")) {
            assertThat(parked(refused + id.value())).as(refused).isEqualTo(1);
        }
        assertThat(parkedWith("H4-" + id.value())).isEqualTo(1);
        assertThat(new Api(port, "operator").post("/api/traffic/ingest", body).status()).isEqualTo(403);

        Api.Response endOfTime = device.post("/api/traffic/ingest", """
                {"messageId":"H6-%s","device":"CTRL","intersectionId":"%s","priorityRequests":[{"requestId":1,"vehicleId":"BUS-1",\
                "line":"L5","signalGroup":1,"latenessSeconds":0,"at":"+1000000000-12-31T23:59:59Z"}]}""".formatted(id.value(), id.value()));
        assertThat(endOfTime.status()).as("an instant at the end of time is the message's fault: %s", endOfTime).isEqualTo(422);
        assertThat(parked("H6-" + id.value())).isEqualTo(1);
        Api keyed = device.with("Idempotency-Key", "ingest-" + id.value());
        String third = message("H7-" + id.value(), id, change(3, "protected_movement_allowed", 7, 11));
        assertThat(keyed.post("/api/traffic/ingest", third).json().path("events").asInt()).isEqualTo(1);
        assertThat(keyed.post("/api/traffic/ingest", third).json().path("duplicates").asInt())
                .as("telemetry is not replayed from an idempotency key: its message ids make it idempotent").isEqualTo(1);
    }

    @Test
    void givenALightingDevice_whenItsFailureAndReadingsAreRedelivered_thenEachIsRecordedOnce_andTheRedeliveriesAreDuplicates() {
        String point = TestIds.next("LP");
        String cabinet = TestIds.next("CAB");
        Instant registered = Instant.parse("2026-11-30T12:00:00Z");
        commands.sendAndWait(TestCommands.registerLightPoint(point, cabinet, registered), TestMetaData.from("test"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, cabinet) > 0);
        Api device = new Api(port, "device");
        String first = """
                {"messageId":"L1-%s","device":"SEG-%s","failures":[{"lightPointId":"%s","failureId":"TALQ-1","kind":"lampFailure",\
                "observedAt":"2026-11-30T17:41:00Z"}],"readings":[{"cabinetId":"%s","intervalStart":"2026-11-30T17:30:00Z",\
                "intervalEnd":"2026-11-30T17:45:00Z","energyWh":1850}]}""".formatted(point, cabinet, point, cabinet);
        String second = """
                {"messageId":"L2-%s","device":"SEG-%s","readings":[{"cabinetId":"%s","intervalStart":"2026-11-30T17:45:00Z",\
                "intervalEnd":"2026-11-30T18:00:00Z","energyWh":1900}]}""".formatted(point, cabinet, cabinet);

        Api.Response one = device.post("/api/lighting/ingest", first);
        Api.Response two = device.post("/api/lighting/ingest", second);
        Api.Response oneAgain = device.post("/api/lighting/ingest", first);

        assertThat(one.json().path("events").asInt()).as(one.toString()).isEqualTo(2);
        assertThat(two.json().path("events").asInt()).isEqualTo(1);
        assertThat(oneAgain.status()).isEqualTo(200);
        assertThat(oneAgain.json().path("events").asInt()).isZero();
        assertThat(oneAgain.json().path("duplicates").asInt()).as("an earlier reading redelivered is a duplicate, not a violation")
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (?, ?) "
                + "AND convert_from(metadata, 'UTF8')::jsonb ->> 'actorId' = ?", Long.class, point, cabinet, "system:device:SEG-" + cabinet))
                .isEqualTo(3);
    }

    @Test
    void givenBusesAskingForPriority_whenOneIsGrantedAndOneLeftUnanswered_thenTheOtherTimesOut_andStatisticsCountBoth() {
        IntersectionId id = registered();
        Instant now = Instant.now();
        String granted = TestIds.next("BUS");
        String unanswered = TestIds.next("BUS");
        String body = """
                {"messageId":"P1-%s","device":"CTRL-%s","intersectionId":"%s",\
                "priorityRequests":[{"requestId":1,"vehicleId":"%s","line":"L5","signalGroup":1,"latenessSeconds":95,"at":"%s"},\
                {"requestId":2,"vehicleId":"%s","line":"L5","signalGroup":3,"latenessSeconds":40,"at":"%s"}],\
                "priorityUpdates":[{"vehicleId":"%s","requestId":1,"status":"granted","at":"%s"}]}""".formatted(id.value(), id.value(),
                id.value(), granted, now, unanswered, now, granted, now.plusSeconds(1));
        Api device = new Api(port, "device");

        Api.Response first = device.post("/api/traffic/ingest", body);
        Api.Response again = device.post("/api/traffic/ingest", body);

        assertThat(first.json().path("events").asInt()).as(first.toString()).isEqualTo(3);
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(3);
        Api operator = new Api(port, "operator");
        await().atMost(Duration.ofSeconds(40)).until(() ->
                "TIMED_OUT".equals(operator.get("/api/traffic/priority/requests/" + unanswered + ":2").json().path("outcome").asText()));
        assertThat(operator.get("/api/traffic/priority/requests/" + granted + ":1").json().path("outcome").asText()).isEqualTo("GRANTED");
        Api.Response statistics = operator.get("/api/traffic/priority/statistics?intersectionId=" + id.value() + "&from="
                + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600));
        assertThat(statistics.json().path("rows").path(0).path("requests").asInt()).as(statistics.toString()).isEqualTo(2);
        assertThat(statistics.json().path("rows").path(0).path("grantRate").asDouble()).isEqualTo(0.5);
        assertThat(operator.get("/api/traffic/priority/statistics?from=" + now).status()).isEqualTo(422);
        assertThat(operator.get("/api/traffic/faults").status()).isEqualTo(200);
        assertThat(new Api(port, "contract-manager").get("/api/traffic/availability?month=2026-11").status()).isEqualTo(200);
        assertThat(operator.get("/api/traffic/availability?month=2026-11").status()).isEqualTo(403);
    }
}
