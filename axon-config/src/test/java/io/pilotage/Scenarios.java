package io.pilotage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Steps many HTTP scenarios start from, written once. */
public final class Scenarios {

    private Scenarios() {
    }

    /** A crew on shift from an hour ago for eight hours. */
    public static String crewOnShift(Api supervisor, String skill) {
        String crewId = TestIds.next("CREW");
        assertThat(supervisor.post("/api/crews", "{\"crewId\":\"%s\",\"skills\":[\"%s\"],\"vehicleId\":\"VAN-%s\"}"
                .formatted(crewId, skill, crewId)).status()).isEqualTo(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(supervisor.post("/api/crews/" + crewId + "/shifts", "{\"start\":\"%s\",\"end\":\"%s\"}"
                .formatted(now.minus(1, ChronoUnit.HOURS), now.plus(8, ChronoUnit.HOURS))).status()).isEqualTo(201);
        return crewId;
    }

    /** An intervention opened by hand on a fresh asset. */
    public static String openIntervention(Api api, String priority, String category) {
        Api.Response opened = api.post("/api/interventions", """
                {"source":"patrol","assetId":"%s","category":"%s","commune":"Chenôve","latitude":47.29,"longitude":5.00,
                 "priority":"%s"}""".formatted(TestIds.next("ASSET"), category, priority));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().path("interventionId").asText();
    }

    /** Reports a failure on a light point; answers the failure's id. */
    public static String reportFailure(Api api, String lightPointId, String kind, String source) {
        Api.Response reported = api.post("/api/lighting/light-points/" + lightPointId + "/failures",
                "{\"kind\":\"%s\",\"source\":\"%s\"}".formatted(kind, source));
        assertThat(reported.status()).as(reported.toString()).isIn(200, 201);
        return reported.json().path("failureId").asText();
    }

    /** Assigns the crew, records its arrival and resolves the intervention as repaired. */
    public static void assignAndResolve(Api operator, String interventionId, String crewId) {
        Api.Response assigned = operator.post("/api/interventions/" + interventionId + "/assignments",
                "{\"crewId\":\"" + crewId + "\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(operator.post("/api/interventions/" + interventionId + "/arrival", "{}").status()).isEqualTo(200);
        Api.Response resolved = operator.post("/api/interventions/" + interventionId + "/resolution",
                "{\"resolution\":\"repaired\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }
}
