package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two operators assign the same free crew to two interventions at the same moment, through real
 * concurrent HTTP calls: exactly one succeeds, the other gets 409, and neither the crew nor the losing
 * intervention keeps a trace of the losing assignment.
 */
@IntegrationTest
class ConcurrentAssignmentTest {

    private static final List<Long> LATENCIES_MS = new ArrayList<>();
    private static ExecutorService pool;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void report() {
        pool.shutdown();
        List<Long> sorted = LATENCIES_MS.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "Concurrent assignment latency over %d calls: median %d ms, p95 %d ms, max %d ms%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)), sorted.get(sorted.size() - 1));
    }

    private long events(String aggregateId, String payloadType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Long.class, aggregateId, "%" + payloadType);
    }

    @RepeatedTest(15)
    void givenAFreeCrew_whenTwoOperatorsAssignItAtOnce_thenExactlyOneWins() throws Exception {
        Api operator = new Api(port, "operator");
        String crew = InterventionsApiTest.crewOnShift(new Api(port, "supervisor"), "cleaning");
        String first = InterventionsApiTest.openIntervention(operator, "p3", "cleaning");
        String second = InterventionsApiTest.openIntervention(new Api(port, "supervisor"), "p3", "cleaning");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> calls = new ArrayList<>();
        for (String intervention : List.of(first, second)) {
            calls.add(pool.submit(() -> {
                start.await();
                long began = System.nanoTime();
                Api.Response response = operator.post("/api/interventions/" + intervention + "/assignments",
                        "{\"crewId\":\"" + crew + "\"}");
                synchronized (LATENCIES_MS) {
                    LATENCIES_MS.add((System.nanoTime() - began) / 1_000_000);
                }
                return response;
            }));
        }
        start.countDown();
        Api.Response a = calls.get(0).get();
        Api.Response b = calls.get(1).get();

        assertThat(List.of(a.status(), b.status())).as(a + " / " + b).containsExactlyInAnyOrder(200, 409);
        Api.Response loser = a.status() == 409 ? a : b;
        assertThat(loser.json().path("type").asText()).matches(".*/(rule/CrewMustBeFree|concurrent-modification)");
        String winner = a.status() == 200 ? first : second;
        String lost = a.status() == 200 ? second : first;
        assertThat(events(crew, "CrewCommitted")).isEqualTo(1);
        assertThat(events(winner, "CrewAssigned")).isEqualTo(1);
        assertThat(events(lost, "CrewAssigned")).isZero();
    }
}
