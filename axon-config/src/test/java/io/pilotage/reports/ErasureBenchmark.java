package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.OwnDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long an erasure takes, on an empty store and on one of a million events: reporters are taken over HTTP on a
 * fresh database, some are erased (the baseline), the application is stopped, bench's generator appends a million
 * events of Dijon's history by {@code COPY} ({@code bench/target/bench.jar events}, sealed into the audit chain as
 * the application would), every processor's token is put at the head (as bench/run.sh's B5 does, so that nothing
 * replays during the measurement), the application starts again and the other reporters are erased. Each erasure
 * is timed as the DPO's HTTP request, after a few unmeasured ones to warm the JVM. Not part of the default test run
 * (build the bench jar first, {@code ./mvnw -o -q install -DskipTests}):
 * {@code ./mvnw -o -pl axon-config -am verify -Dtest=ErasureBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class ErasureBenchmark {

    static final long EVENTS = Long.getLong("bench.events", 1_000_000);
    static final int MEASURED = 20;
    static final int WARM_UP = 5;

    @Test
    void erasureTakesTheSameTimeOnAMillionEvents() throws Exception {
        Path benchJar = Path.of("..", "bench", "target", "bench.jar").toAbsolutePath().normalize();
        assertThat(benchJar).as("build the bench module first").exists();
        try (OwnDatabase database = OwnDatabase.create("erasurebench")) {
            List<String> baseline;
            List<String> afterLoad;
            List<String> warmUpAgain;
            double[] emptyStore;
            long eventsBefore;
            try (ConfigurableApplicationContext node = database.startNode("erasure-bench-1", "--logging.level.root=WARN")) {
                Api operator = new Api(OwnDatabase.port(node), "operator");
                Api dpo = new Api(OwnDatabase.port(node), "dpo");
                JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
                List<String> reporters = new ArrayList<>();
                for (int i = 0; i < 2 * (WARM_UP + MEASURED); i++) {
                    reporters.add(report(operator, i));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                        "SELECT count(DISTINCT aggregateidentifier) FROM domainevententry WHERE aggregateidentifier = ANY (?)",
                        Long.class, (Object) reporters.toArray(String[]::new)) == reporters.size());
                List<String> warmUp = reporters.subList(0, WARM_UP);
                baseline = reporters.subList(WARM_UP, WARM_UP + MEASURED);
                warmUpAgain = reporters.subList(WARM_UP + MEASURED, 2 * WARM_UP + MEASURED);
                afterLoad = reporters.subList(2 * WARM_UP + MEASURED, reporters.size());
                erase(dpo, warmUp);
                emptyStore = erase(dpo, baseline);
                eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            }

            long started = System.nanoTime();
            Process generator = new ProcessBuilder("java", "-jar", benchJar.toString(), "events", "--url", database.url(),
                    "--user", database.user(), "--password", database.password(), "--events", String.valueOf(EVENTS),
                    "--vacuum").redirectErrorStream(true).start();
            String generated = new String(generator.getInputStream().readAllBytes());
            assertThat(generator.waitFor()).as(generated).isZero();
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            try (var connection = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password());
                 var statement = connection.createStatement()) {
                statement.execute("""
                        UPDATE tokenentry SET token = convert_to('{"index":' || (SELECT max(globalindex) FROM domainevententry)
                        || ',"gaps":[]}', 'UTF8'), tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL""");
            }

            try (ConfigurableApplicationContext node = database.startNode("erasure-bench-2", "--logging.level.root=WARN")) {
                Api dpo = new Api(OwnDatabase.port(node), "dpo");
                JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
                long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
                String storeSize = jdbc.queryForObject("SELECT pg_size_pretty(pg_total_relation_size('domainevententry'))",
                        String.class);
                erase(dpo, warmUpAgain);
                double[] loaded = erase(dpo, afterLoad);
                assertThat(afterLoad).allSatisfy(reporter -> assertThat(jdbc.queryForObject(
                        "SELECT key_bytes IS NULL FROM reporter_key WHERE reporter_id = ?", Boolean.class, reporter)).isTrue());

                System.out.printf(Locale.ROOT, "%n=== Erasure benchmark (%d cores) ===%n", Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "store of %d events: %s%n", eventsBefore, summary(emptyStore));
                System.out.printf(Locale.ROOT, "store of %d events (%s, %d appended by COPY in %.1f s): %s%n", events,
                        storeSize, events - eventsBefore, loadSeconds, summary(loaded));
                System.out.println(generated.lines().filter(line -> line.startsWith("EVENTS_JSON")).findFirst().orElse(""));
                Files.writeString(Path.of("target", "erasure-benchmark.txt"), "empty " + summary(emptyStore) + "\nloaded "
                        + summary(loaded) + "\n");
                assertThat(events).isGreaterThanOrEqualTo(EVENTS);
            }
        }
    }

    private static String report(Api operator, int i) {
        Api.Response taken = operator.post("/api/reports", """
                {"serviceCode":"graffiti","address":"%d rue de la Liberté","commune":"Dijon","firstName":"Bench","lastName":"Reporter%d",
                 "email":"bench%d@example.org","phone":"+33 6 00 00 00 %02d","description":"Tag sur la façade."}"""
                .formatted(i + 1, i, i, i % 100));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        return taken.json().path("reporterId").asText();
    }

    /** Each erasure's time in milliseconds, sorted. */
    private static double[] erase(Api dpo, List<String> reporters) {
        double[] millis = new double[reporters.size()];
        for (int i = 0; i < reporters.size(); i++) {
            long start = System.nanoTime();
            Api.Response erased = dpo.post("/api/reporters/" + reporters.get(i) + "/erasure", "");
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static String summary(double[] sorted) {
        return String.format(Locale.ROOT, "%d erasures over HTTP, median %.1f ms, p90 %.1f ms, max %.1f ms", sorted.length,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.9) - 1], sorted[sorted.length - 1]);
    }
}
