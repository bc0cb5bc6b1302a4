package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The database drops every connection of the application, six times, while writes and reads keep coming (the
 * outside probe saw 48 answers of 500 in that situation). Each request either succeeds or gets 503 with
 * Retry-After as a problem; a write that was acknowledged is there afterwards. Its own application, on its own
 * database (or its own connections to the configured server), so that no other test loses its connections.
 */
class DatabaseOutageTest {

    private static final String APPLICATION_NAME = "pilotage-outage-test";

    @TempDir
    Path dataDir;

    record Outcome(String what, int status, String contentType, String retryAfter, String body) {
    }

    @Test
    void givenTheDatabaseDropsEveryConnectionSixTimes_whenRequestsKeepComing_thenEachAnswerIs2xxOr503Problem_andAcknowledgedWritesStay()
            throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PilotageApplication.class).run(
                "--server.port=0", "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Api operator = new Api(port, "operator");
            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int worker = 0; worker < 4; worker++) {
                int kind = worker;
                load.submit(() -> {
                    while (running.get()) {
                        String id = TestIds.next("LP");
                        Api.Response response = switch (kind) {
                            case 0, 1 -> operator.with("Idempotency-Key", "key-" + id)
                                    .post("/api/lighting/light-points", TestPayloads.lightPoint(id, "CAB-OUT-1", "Dijon", 40));
                            case 2 -> operator.get("/api/lighting/failures?size=20");
                            default -> operator.get("/api/interventions?size=20");
                        };
                        if (response.status() == 201) {
                            acknowledged.add(id);
                        }
                        outcomes.add(new Outcome(kind < 2 ? "register a point" : "read a list", response.status(),
                                response.header("Content-Type"), response.header("Retry-After"), response.body()));
                    }
                    return null;
                });
            }
            try (Connection admin = adminConnection(app.getEnvironment()); Statement statement = admin.createStatement()) {
                for (int drop = 0; drop < 6; drop++) {
                    Thread.sleep(1_500);
                    statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                            + APPLICATION_NAME + "' AND pid <> pg_backend_pid()");
                }
                Thread.sleep(1_500);
            } finally {
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }

            Map<Integer, Long> byStatus = new TreeMap<>();
            outcomes.forEach(outcome -> byStatus.merge(outcome.status(), 1L, Long::sum));
            System.out.println("Answers while the database dropped connections, by status: " + byStatus);
            List<Outcome> wrong = outcomes.stream().filter(outcome -> !(outcome.status() < 300
                    || outcome.status() == 503 && outcome.retryAfter() != null
                    && outcome.contentType() != null && outcome.contentType().startsWith("application/problem+json"))).toList();
            assertThat(wrong).as("answers other than 2xx or 503 problem with Retry-After").isEmpty();
            assertThat(acknowledged).as("writes acknowledged during the outages").isNotEmpty();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(acknowledged)
                    .allSatisfy(id -> assertThat(operator.get("/api/lighting/light-points/" + id).status()).isEqualTo(200)));
        }
    }

    private static Connection adminConnection(Environment environment) throws Exception {
        return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
    }
}
