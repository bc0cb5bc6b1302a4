package io.pilotage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sealer runs in the application and trails the appends; the auditor verifies the chain over HTTP. */
@IntegrationTest
class AuditApiTest {

    @LocalServerPort
    int port;

    @Test
    void givenAWriteJustAcknowledged_whenTheAuditorVerifies_thenWithinSecondsItIsSealed_andTheChainIsIntact() {
        Api.Response written = new Api(port, "operator").post("/api/lighting/light-points",
                TestPayloads.lightPoint(TestIds.next("LP"), "CAB-AUD-1", "Dijon", 40));
        assertThat(written.status()).isEqualTo(201);
        long position = Long.parseLong(written.header("Pilotage-Position"));
        Api auditor = new Api(port, "auditor");

        await().atMost(Duration.ofSeconds(20)).until(() -> auditor.get("/api/audit/integrity").json().path("head").asLong() >= position);
        JsonNode integrity = auditor.get("/api/audit/integrity").json();

        assertThat(integrity.path("intact").asBoolean()).as(integrity.toString()).isTrue();
        assertThat(integrity.path("checked").asLong()).isGreaterThan(0);
        assertThat(integrity.path("headLink").asText()).hasSize(64);
        assertThat(integrity.path("breaks").size()).isZero();
        assertThat(integrity.path("firstBreak").isNull()).isTrue();
    }

    @Test
    void givenAnOperatorOrAContractManager_whenTheyVerify_then403() {
        assertThat(new Api(port, "operator").get("/api/audit/integrity").status()).isEqualTo(403);
        assertThat(new Api(port, "contract-manager").get("/api/audit/integrity").status()).isEqualTo(403);
    }
}
