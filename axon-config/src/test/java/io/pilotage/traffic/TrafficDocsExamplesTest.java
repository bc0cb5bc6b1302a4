package io.pilotage.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.RecentExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The telemetry messages docs/traffic.md shows, each marked {@code <!-- ingest: kind -->}, are posted as they are written
 * (their instants moved by whole quarter-hours to just before now, as a device would send them: {@link RecentExamples})
 * and taken in whole, so that what the docs promise is what the core accepts.
 */
@IntegrationTest
class TrafficDocsExamplesTest {

    private static final Path DOC = Path.of("..", "docs", "traffic.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- ingest: (\\w+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenTheDocsExamples_whenPostedByADevice_thenEachIsTakenInWhole() throws IOException {
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE.matcher(Files.readString(DOC));
        while (matcher.find()) {
            examples.put(matcher.group(1), matcher.group(2));
        }
        assertThat(examples).containsOnlyKeys("traffic", "lighting");
        Api supervisor = new Api(port, "supervisor");
        supervisor.post("/api/traffic/intersections", """
                {"intersectionId":"TL-DIJ-042","commune":"Dijon","latitude":47.322,"longitude":5.041,\
                "signalGroups":[{"id":1,"movement":"north approach, through"},{"id":3,"movement":"east approach, through"}],\
                "conflicts":[{"first":1,"second":3}],"timingPlans":[{"id":"DAY","cycleSeconds":90}],"activePlan":"DAY"}""");
        supervisor.post("/api/lighting/light-points", """
                {"lightPointId":"LP-DIJ-000123","commune":"Dijon","latitude":47.3220,"longitude":5.0415,"cabinetId":"CAB-DIJ-0042",\
                "ratedPowerW":40,"legacyPowerW":150}""");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'CAB-DIJ-0042'", Long.class) > 0);
        Api device = new Api(port, "device");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            Api.Response response = device.post("/api/" + example.getKey() + "/ingest",
                    RecentExamples.movedToRecent(example.getValue(), Instant.now()));
            assertThat(response.status()).as("%s example: %s", example.getKey(), response).isEqualTo(200);
            assertThat(response.json().path("parked").size()).as("%s example parks nothing: %s", example.getKey(), response).isZero();
        }
    }
}
