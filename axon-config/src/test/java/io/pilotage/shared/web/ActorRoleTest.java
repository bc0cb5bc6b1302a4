package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The role an event records is the one that authorised the call: for a caller holding several roles,
 * the least privileged of those the endpoint's permission lists, not whichever sorts first.
 */
@IntegrationTest
class ActorRoleTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private List<String> recordedRoles(String aggregateId) {
        return jdbc.query("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (rs, row) -> {
                    try {
                        return new ObjectMapper().readTree(rs.getBytes("metadata")).path("actorRole").asText();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, aggregateId);
    }

    @Test
    void givenAnOperatorWhoIsAlsoSupervisor_whenCallingASupervisorsOnlyEndpoint_thenTheEventRecordsSupervisor() {
        String id = TestIds.next("LP");
        Api chief = new Api(port, "chief");

        Api.Response registered = chief.post("/api/lighting/light-points", TestPayloads.lightPoint(id, "CAB-ROLE", "Dijon", 40));
        Api.Response decommissioned = chief.post("/api/lighting/light-points/" + id + "/decommissioning",
                "{\"reason\":\"column removed for roadworks\"}");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(decommissioned.status()).as(decommissioned.toString()).isEqualTo(200);
        assertThat(recordedRoles(id)).containsExactly("OPERATOR", "SUPERVISOR");
    }
}
