package io.pilotage.crews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.Scenarios;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CrewsApiTest {

    @LocalServerPort
    int port;

    Api operator;
    Api supervisor;

    @BeforeEach
    void setUp() {
        operator = new Api(port, "operator");
        supervisor = new Api(port, "supervisor");
    }

    private static String crew(String crewId, String skill, String vehicle) {
        return "{\"crewId\":\"%s\",\"skills\":[\"%s\"],\"vehicleId\":\"%s\"}".formatted(crewId, skill, vehicle);
    }

    @Test
    void givenARegisteredCrew_whenRegisteredAgain_then200UnchangedIfIdentical_and409IfDifferent() {
        String crewId = TestIds.next("CREW");
        assertThat(supervisor.post("/api/crews", crew(crewId, "lighting", "VAN-1")).status()).isEqualTo(201);

        Api.Response same = supervisor.post("/api/crews", crew(crewId, "lighting", "VAN-1"));
        Api.Response different = supervisor.post("/api/crews", crew(crewId, "traffic", "VAN-1"));

        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.json().path("changed").asBoolean()).isFalse();
        assertThat(different.status()).as(different.toString()).isEqualTo(409);
        assertThat(different.json().path("rule").asText()).isEqualTo("CrewIsRegisteredDifferently");
    }

    /** Simultaneous first registrations all race to create the stream: the losers learn it exists, never a 500. */
    @Test
    void givenSimultaneousRegistrationsOfOneNewCrew_thenEachAnswers2xxOr409_andOneCrewIsRegistered() throws Exception {
        String crewId = TestIds.next("CREW");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> calls = IntStream.range(0, 8).<Callable<Api.Response>>mapToObj(i ->
                    () -> supervisor.post("/api/crews", crew(crewId, "lighting", i % 2 == 0 ? "VAN-A" : "VAN-B"))).toList();
            List<Integer> statuses = pool.invokeAll(calls).stream().map(CrewsApiTest::get).map(Api.Response::status).toList();
            assertThat(statuses).as(statuses.toString()).allMatch(status -> status == 200 || status == 201 || status == 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenAnIdOfAnotherKindOfResource_whenACrewIsRegisteredWithIt_then409() {
        String point = TestIds.next("LP");
        assertThat(operator.post("/api/lighting/light-points", TestPayloads.lightPoint(point, "CAB-DJN-9", "Dijon", 40))
                .status()).isEqualTo(201);

        Api.Response clash = supervisor.post("/api/crews", crew(point, "lighting", "VAN-1"));

        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
    }

    @Test
    void givenACrewOnShiftNow_whenAShiftInThreeDaysIsPlanned_thenItIsStillAvailableAndCanBeAssignedNow() {
        String crewId = Scenarios.crewOnShift(supervisor, "lighting");
        Instant inThreeDays = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(supervisor.post("/api/crews/" + crewId + "/shifts", "{\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(inThreeDays, inThreeDays.plus(8, ChronoUnit.HOURS))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                operator.get("/api/crews?status=available&size=500").body().contains(crewId));

        String intervention = Scenarios.openIntervention(operator, "p3", "lighting");
        Api.Response assigned = operator.post("/api/interventions/" + intervention + "/assignments",
                "{\"crewId\":\"" + crewId + "\"}");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
    }

    private static Api.Response get(Future<Api.Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
