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
}
