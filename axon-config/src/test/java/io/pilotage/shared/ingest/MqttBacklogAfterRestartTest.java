package io.pilotage.shared.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import io.pilotage.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What controllers publish while the core is down is taken in when it comes back: the broker keeps it in the core's
 * persistent session, and the core, restarted under the same client id, takes the backlog in, each report once. The
 * backlog arrives as soon as the client connects, before anything else has started: it must be neither acknowledged
 * unread nor dropped.
 */
class MqttBacklogAfterRestartTest {

    private static final Instant T0 = Instant.parse("2026-11-30T16:42:00Z");
    private static final int BACKLOG = 60;

    @TempDir
    Path dataDir;

    private final String session = "backlog-" + UUID.randomUUID().toString().substring(0, 8);

    /** On a database of its own, so that the suite's shared application does not take the same telemetry in. */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PilotageApplication.class).run("--server.port=0", "--spring.datasource.url=",
                "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--pilotage.ingest.mqtt.url=" + TestBroker.url(), "--pilotage.ingest.mqtt.client-id=" + session,
                "--pilotage.ingest.mqtt.topic-prefix=" + session);
    }

    private static String message(int n) {
        return """
                {"messageId":"B-%d","device":"CTRL-TL-B","intersectionId":"TL-B","phaseChanges":[{"signalGroup":%d,\
                "state":"protected_movement_allowed","controllerTime":"%s","sequence":%d}]}""".formatted(n, n % 2 + 1, T0.plusSeconds(n), n);
    }

    private static long reports(ConfigurableApplicationContext app) {
        return app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'TL-B' AND payloadtype LIKE '%SignalGroupPhaseChanged'",
                Long.class);
    }

    @Test
    void givenReportsPublishedWhileTheCoreIsDown_whenItRestarts_thenTheBacklogIsTakenIn_eachReportOnce() throws Exception {
        Assumptions.assumeTrue(TestBroker.available(), "No MQTT broker: Mosquitto is not installed and nothing listens on 1883");
        try (MqttClient publisher = TestBroker.publisher()) {
            String topic = session + "/traffic/TL-B";
            try (ConfigurableApplicationContext first = start()) {
                Api supervisor = new Api(((WebServerApplicationContext) first).getWebServer().getPort(), "supervisor");
                assertThat(supervisor.post("/api/traffic/intersections", """
                        {"intersectionId":"TL-B","commune":"Dijon","latitude":47.322,"longitude":5.041,\
                        "signalGroups":[{"id":1,"movement":"north"},{"id":2,"movement":"south"}],\
                        "timingPlans":[{"id":"DAY","cycleSeconds":90}],"activePlan":"DAY"}""").status()).isEqualTo(201);
                publisher.publish(topic, message(1).getBytes(StandardCharsets.UTF_8), 1, false);
                await().atMost(Duration.ofSeconds(30)).until(() -> reports(first) == 1);
            }
            for (int n = 2; n <= BACKLOG + 1; n++) {
                publisher.publish(topic, message(n).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            publisher.publish(topic, message(1).getBytes(StandardCharsets.UTF_8), 1, false);
            publisher.disconnect();
        }

        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> reports(second) >= BACKLOG + 1);
            Thread.sleep(1_000);
            assertThat(reports(second)).as("the first report and the backlog, each once").isEqualTo(BACKLOG + 1);
        }
    }
}
