package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import io.pilotage.lighting.status.LightPointStatusProjection;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A client that sends back the position its write answered with reads what it wrote, although the read
 * models are fed asynchronously. Without the position the same read may come before the projection.
 */
@IntegrationTest
class ReadYourWritesTest {

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    @Autowired
    ReadModelPositions positions;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @Test
    void givenARegistration_whenReadAtOnceWithItsPosition_thenTheReadFindsIt_fiftyTimesInARow() {
        Api operator = new Api(port, "operator");
        for (int round = 0; round < 50; round++) {
            String id = TestIds.next("LP");
            Api.Response written = operator.post("/api/lighting/light-points",
                    TestPayloads.lightPoint(id, "CAB-RYW-" + round % 5, "Talant", 30));
            String position = written.header("Pilotage-Position");

            Api.Response read = operator.with("Pilotage-Min-Position", position).get("/api/lighting/light-points/" + id);

            assertThat(written.status()).isEqualTo(201);
            assertThat(position).as("round %d", round).matches("[0-9]+");
            assertThat(read.status()).as("round %d: %s", round, read).isEqualTo(200);
            assertThat(read.json().path("lightPointId").asText()).isEqualTo(id);
            assertThat(read.header("Pilotage-Stale")).isNull();
        }
    }

    @Test
    void givenAMalformedOrUnknownPosition_whenReading_then400NamingTheHeader() {
        Api operator = new Api(port, "operator");

        Api.Response malformed = operator.with("Pilotage-Min-Position", "soon").get("/api/lighting/failures");
        Api.Response beyondTheHead = operator.with("Pilotage-Min-Position", String.valueOf(Long.MAX_VALUE))
                .get("/api/lighting/failures");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(malformed.json().path("field").asText()).isEqualTo("Pilotage-Min-Position");
        assertThat(beyondTheHead.status()).isEqualTo(400);
        assertThat(beyondTheHead.json().path("field").asText()).isEqualTo("Pilotage-Min-Position");
    }

    @Test
    void givenARefusedWrite_thenNoPositionIsGiven() {
        Api.Response refused = new Api(port, "operator").post("/api/lighting/light-points", "{}");

        assertThat(refused.status()).isBetween(400, 499);
        assertThat(refused.header("Pilotage-Position")).isNull();
    }

    @Test
    void givenAReadModelThatIsNotRunning_whenReadWithAPositionItHasNotReached_thenAnsweredAfterTheTimeoutMarkedStale()
            throws Exception {
        StreamingEventProcessor status = processing.eventProcessorByProcessingGroup(
                LightPointStatusProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        MockMvc impatient = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(security, new ReadYourWritesFilter(positions, mapper, Duration.ofMillis(300))).build();
        String id = TestIds.next("LP");
        status.shutDown();
        MockHttpServletResponse read;
        String position;
        try {
            position = new Api(port, "operator").post("/api/lighting/light-points",
                    TestPayloads.lightPoint(id, "CAB-RYW-STALE", "Talant", 30)).header("Pilotage-Position");
            read = impatient.perform(MockMvcRequestBuilders.get("/api/lighting/light-points/" + id)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "operator:operator".getBytes(StandardCharsets.UTF_8)))
                    .header("Pilotage-Min-Position", position)).andReturn().getResponse();
        } finally {
            status.start();
        }
        Api.Response caughtUp = new Api(port, "operator").with("Pilotage-Min-Position", position)
                .get("/api/lighting/light-points/" + id);

        assertThat(read.getStatus()).isEqualTo(404);
        assertThat(read.getHeader("Pilotage-Stale")).isEqualTo("true");
        assertThat(caughtUp.status()).isEqualTo(200);
        assertThat(caughtUp.header("Pilotage-Stale")).isNull();
    }

    @Test
    void givenPositionsThatCannotBeRead_whenReadingWithAPosition_thenAnsweredAtOnceMarkedStale() throws Exception {
        ReadModelPositions unreachable = new ReadModelPositions() {
            @Override
            public java.util.OptionalLong head() {
                throw new org.springframework.dao.DataAccessResourceFailureException("Connection refused");
            }

            @Override
            public boolean reached(long position) {
                throw new org.springframework.dao.DataAccessResourceFailureException("Connection refused");
            }
        };
        MockMvc filtered = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(security, new ReadYourWritesFilter(unreachable, mapper, Duration.ofSeconds(5))).build();

        MockHttpServletResponse read = filtered.perform(MockMvcRequestBuilders.get("/api/lighting/failures")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "operator:operator".getBytes(StandardCharsets.UTF_8)))
                .header("Pilotage-Min-Position", "1")).andReturn().getResponse();

        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeader("Pilotage-Stale")).isEqualTo("true");
    }
}
