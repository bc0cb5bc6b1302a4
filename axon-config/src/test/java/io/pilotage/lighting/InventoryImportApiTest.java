package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class InventoryImportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api supervisor;

    @BeforeEach
    void setUp() {
        supervisor = new Api(port, "supervisor");
    }

    private JsonNode awaitFinished(String location) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.get(location).json(),
                node -> node.path("status").asText().equals("COMPLETED") || node.path("status").asText().equals("ABANDONED"));
    }

    private long events(String prefix) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE ?", Long.class,
                prefix + "%");
    }

    @Test
    void givenACsvWithGoodAndBadRows_whenImportedTwice_thenGoodRowsRegisteredOnceAndBadRowsReported() {
        String p = TestIds.next("IMP");
        String csv = """
                light_point_id;commune;latitude;longitude;cabinet_id;rated_power_w;legacy_power_w;technology
                %1$s-1;Dijon;47,3220;5,0415;CAB-%1$s;40;150;LED
                %1$s-2;Chenôve;47.2920;5.0050;CAB-%1$s;40;150;led
                %1$s-3;Beaune;47.02;4.84;CAB-%1$s;40;150;LED
                %1$s-4;Dijon;147.3;5.04;CAB-%1$s;40;150;LED
                %1$s-5;Dijon;47.3;5.04;CAB-%1$s;forty;150;LED
                %1$s-1;Dijon;47,3220;5,0415;CAB-%1$s;40;150;LED
                """.formatted(p);

        Api.Response accepted = supervisor.post("/api/lighting/imports?fileName=inventory.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("totalRows").asInt()).isEqualTo(6);
        JsonNode report = awaitFinished(accepted.header("Location"));
        assertThat(report.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("processedRows").asInt()).isEqualTo(6);
        assertThat(report.path("registeredRows").asInt()).isEqualTo(2);
        assertThat(report.path("unchangedRows").asInt()).isEqualTo(1);
        assertThat(report.path("rejectedRows").asInt()).isEqualTo(3);
        assertThat(report.path("errors")).extracting(e -> e.path("row").asInt() + ":" + e.path("field").asText())
                .containsExactly("3:commune", "4:latitude", "5:ratedPowerW");
        long before = events(p + "-");

        JsonNode second = awaitFinished(supervisor.post("/api/lighting/imports", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8)).header("Location"));

        assertThat(second.path("registeredRows").asInt()).isZero();
        assertThat(second.path("unchangedRows").asInt()).isEqualTo(3);
        assertThat(events(p + "-")).isEqualTo(before).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                new Api(port, "operator").get("/api/lighting/light-points/" + p + "-2").status() == 200);
    }

    @Test
    void givenRowsThatBreakARuleOrClaimAnIdOfAnotherKind_whenImported_thenOnlyThoseRowsAreRefused() {
        String p = TestIds.next("IMP");
        assertThat(new Api(port, "operator").post("/api/lighting/light-points", TestPayloads.lightPoint(p + "-0", "CAB-" + p, "Dijon", 40))
                .status()).isEqualTo(201);
        String csv = """
                light_point_id;commune;latitude;longitude;cabinet_id;rated_power_w;legacy_power_w;technology
                %1$s-1;Dijon;47.3220;5.0415;CAB-%1$s;40;150;LED
                %1$s-2;Dijon;47.3221;5.0416;CAB-%1$s;40;150;LED
                %1$s-0;Dijon;47.3220;5.0415;CAB-%1$s;60;150;LED
                CAB-%1$s;Dijon;47.3222;5.0417;CAB-%1$s-B;40;150;LED
                %1$s-3;Dijon;47.3223;5.0418;CAB-%1$s;40;150;LED
                """.formatted(p);

        JsonNode report = awaitFinished(supervisor.post("/api/lighting/imports?fileName=inventory.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8)).header("Location"));

        assertThat(report.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("registeredRows").asInt()).isEqualTo(3);
        assertThat(report.path("rejectedRows").asInt()).isEqualTo(2);
        assertThat(report.path("errors")).extracting(e -> e.path("row").asInt()).containsExactly(3, 4);
        assertThat(events(p + "-")).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM domainevententry WHERE aggregateidentifier IN (?, ?)",
                Long.class, p + "-1", p + "-2")).as("the first chunk's two rows are registered in one transaction").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND type = 'LightPoint'",
                Long.class, "CAB-" + p)).isZero();
    }

    @Test
    void givenAGeoJsonFeatureCollection_whenImported_thenPointsRegisteredWithTheirCoordinates() {
        String p = TestIds.next("GEO");
        String geojson = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[5.0415,47.3220]},
                  "properties":{"lightPointId":"%1$s-1","commune":"Dijon","cabinetId":"CAB-%1$s","ratedPowerW":40,"legacyPowerW":150}},
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[5.0,47.3],[5.1,47.4]]},
                  "properties":{"lightPointId":"%1$s-2","commune":"Dijon","cabinetId":"CAB-%1$s","ratedPowerW":40}}]}
                """.formatted(p);

        Api.Response accepted = supervisor.post("/api/lighting/imports", "application/geo+json",
                geojson.getBytes(StandardCharsets.UTF_8));
        JsonNode report = awaitFinished(accepted.header("Location"));

        assertThat(report.path("registeredRows").asInt()).isEqualTo(1);
        assertThat(report.path("errors").get(0).path("field").asText()).isEqualTo("geometry");
        JsonNode point = await().atMost(Duration.ofSeconds(20)).until(
                () -> new Api(port, "operator").get("/api/lighting/light-points/" + p + "-1"), r -> r.status() == 200).json();
        assertThat(point.path("latitude").asDouble()).isEqualTo(47.3220);
        assertThat(point.path("longitude").asDouble()).isEqualTo(5.0415);
    }

    @Test
    void givenAFileThatIsNotAnInventory_whenImported_then422AndNothingWritten() {
        long imports = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = 'InventoryImport'", Long.class);

        Api.Response noHeader = supervisor.post("/api/lighting/imports", "text/csv", "a,b,c\n1,2,3\n".getBytes());
        Api.Response notGeoJson = supervisor.post("/api/lighting/imports", "application/geo+json", "{\"type\":\"Point\"}".getBytes());
        Api.Response brokenJson = supervisor.post("/api/lighting/imports", "application/geo+json", "{".getBytes());
        Api.Response unknownImport = supervisor.get("/api/lighting/imports/nope");

        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.json().path("detail").asText()).contains("light_point_id");
        assertThat(notGeoJson.status()).isEqualTo(422);
        assertThat(brokenJson.status()).isEqualTo(422);
        assertThat(unknownImport.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = 'InventoryImport'", Long.class))
                .isEqualTo(imports);
    }
}
