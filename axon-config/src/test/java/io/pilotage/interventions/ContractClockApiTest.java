package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The contract clock as the API shows it: the board and the opening answer agree, and no pause outlives its intervention. */
@IntegrationTest
class ContractClockApiTest {

    @LocalServerPort
    int port;

    Api operator;
    Api supervisor;

    @BeforeEach
    void setUp() {
        operator = new Api(port, "operator");
        supervisor = new Api(port, "supervisor");
    }

    private JsonNode awaitIntervention(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response response = operator.get("/api/interventions/" + id);
            return response.status() == 200 && response.json().path("status").asText().equals(status) ? response.json() : null;
        }, node -> node != null);
    }

    @Test
    void givenAPausedIntervention_whenCancelled_thenTheBoardShowsThePauseEnded() {
        String id = InterventionsApiTest.openIntervention(operator, "p2", "lighting");
        assertThat(supervisor.post("/api/interventions/" + id + "/pauses", "{\"reason\":\"access_impossible\"}").status())
                .isEqualTo(200);
        assertThat(operator.post("/api/interventions/" + id + "/cancellation", "{\"reason\":\"reported twice\"}").status())
                .isEqualTo(200);

        JsonNode cancelled = awaitIntervention(id, "CANCELLED");

        assertThat(cancelled.path("paused").asBoolean()).isFalse();
        assertThat(cancelled.path("pauses")).hasSize(1);
        Instant from = Instant.parse(cancelled.path("pauses").get(0).path("from").asText());
        assertThat(cancelled.path("pauses").get(0).path("to").isNull()).as("the pause has ended").isFalse();
        assertThat(Instant.parse(cancelled.path("pauses").get(0).path("to").asText())).isAfterOrEqualTo(from);
    }

    @Test
    void givenAnOpening_thenItsAnswerAndTheBoardGiveTheSameDueTimes() {
        Api.Response opened = operator.post("/api/interventions", """
                {"source":"patrol","assetId":"%s","category":"lighting","commune":"Dijon","latitude":47.32,"longitude":5.04,
                 "priority":"p1"}""".formatted(TestIds.next("ASSET")));
        assertThat(opened.status()).isEqualTo(201);
        String id = opened.json().path("interventionId").asText();

        JsonNode board = awaitIntervention(id, "OPEN");

        for (String due : new String[] {"makeSafeDueAt", "repairDueAt"}) {
            assertThat(Instant.parse(board.path(due).asText())).as(due)
                    .isCloseTo(Instant.parse(opened.json().path(due).asText()), within(1, ChronoUnit.MILLIS));
        }
        assertThat(board.path("overdue").asBoolean()).isFalse();
    }

    @Test
    void givenAP3OpenedBeforeAP1_thenTheBoardIsOrderedByEachOnesNextDueTime() {
        String p3 = InterventionsApiTest.openIntervention(operator, "p3", "lighting");
        String p1 = InterventionsApiTest.openIntervention(operator, "p1", "lighting");
        awaitIntervention(p3, "OPEN");
        awaitIntervention(p1, "OPEN");

        JsonNode items = operator.get("/api/interventions?size=200").json().path("items");

        List<Instant> nextDue = new ArrayList<>();
        items.forEach(item -> nextDue.add(Instant.parse(item.path(
                item.hasNonNull("makeSafeDueAt") && item.path("madeSafeAt").isNull() ? "makeSafeDueAt" : "repairDueAt")
                .asText())));
        assertThat(nextDue).hasSizeGreaterThanOrEqualTo(2).isSorted();
    }

}
