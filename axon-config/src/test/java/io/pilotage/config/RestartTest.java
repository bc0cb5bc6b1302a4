package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.TestPayloads;
import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import io.pilotage.TestIds;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Events and read models survive a full stop of the application and of its embedded database. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PilotageApplication.class)
                .run("--server.port=0", "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void givenARegisteredPoint_whenTheApplicationRestarts_thenThePointIsStillThere() {
        String id = TestIds.next("LP");
        try (ConfigurableApplicationContext first = start()) {
            Api api = new Api(port(first), "operator");
            Api.Response created = api.post("/api/lighting/light-points", TestPayloads.lightPoint(id, "CAB-AHUY-1", "Ahuy", 35));
            assertThat(created.status()).isEqualTo(201);
            api.post("/api/lighting/light-points/" + id + "/failures", "{\"kind\":\"supplyLoss\",\"source\":\"telemetry\"}");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    api.get("/api/lighting/light-points/" + id).body().contains("defectiveLamp"));
        }

        try (ConfigurableApplicationContext second = start()) {
            Api api = new Api(port(second), "operator");
            Api.Response point = api.get("/api/lighting/light-points/" + id);
            assertThat(point.status()).isEqualTo(200);
            assertThat(point.json().path("status").asText()).isEqualTo("defectiveLamp");
            Api.Response again = api.post("/api/lighting/light-points/" + id + "/failures",
                    "{\"kind\":\"supplyLoss\",\"source\":\"citizen\"}");
            assertThat(again.json().path("recorded").asBoolean()).as("the aggregate remembers its open failure").isFalse();
        }
    }
}
