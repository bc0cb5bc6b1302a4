package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.PilotageApplication;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Imports Dijon's 34,000 light points through HTTP into a fresh application and prints how long it took
 * and the memory the application uses. Not part of the default test run:
 * {@code ./mvnw -pl axon-config -am verify -Dtest=InventoryImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class InventoryImportBenchmark {

    static final int POINTS = Integer.getInteger("bench.points", 34_000);
    static final int POINTS_PER_CABINET = 22;

    @TempDir
    Path dataDir;

    static byte[] dijonInventory(int points) {
        Random random = new Random(2019);
        Commune[] communes = Commune.values();
        StringBuilder csv = new StringBuilder(points * 90);
        csv.append(String.join(",", InventoryFile.COLUMNS)).append('\n');
        for (int i = 0; i < points; i++) {
            Commune commune = random.nextDouble() < 0.55 ? Commune.DIJON : communes[random.nextInt(communes.length)];
            int cabinet = i / POINTS_PER_CABINET;
            csv.append(String.format(Locale.ROOT, "LP-%06d,%s,%.6f,%.6f,CAB-%05d,%d,%d,LED%n", i, commune.displayName(),
                    47.32 + random.nextGaussian() * 0.03, 5.04 + random.nextGaussian() * 0.04, cabinet,
                    20 + random.nextInt(100), 70 + random.nextInt(180)));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode awaitCompleted(Api api, Api.Response accepted) throws InterruptedException {
        JsonNode report;
        do {
            Thread.sleep(250);
            report = api.get(accepted.header("Location")).json();
        } while (!"COMPLETED".equals(report.path("status").asText()));
        return report;
    }

    @Test
    void importDijonInventory() throws Exception {
        byte[] file = dijonInventory(POINTS);
        Files.write(dataDir.resolve("inventory.csv"), file);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PilotageApplication.class).run(
                "--server.port=0", "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--pilotage.embedded-postgres.fsync=true", "--logging.level.root=WARN")) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort(), "admin");
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

            long start = System.nanoTime();
            Api.Response accepted = api.post("/api/lighting/imports?fileName=inventory.csv", "text/csv", file);
            assertThat(accepted.status()).isEqualTo(202);
            JsonNode report = awaitCompleted(api, accepted);
            double importSeconds = (System.nanoTime() - start) / 1e9;
            while (jdbc.queryForObject("SELECT count(*) FROM rm_lighting_light_point", Long.class) < POINTS) {
                Thread.sleep(100);
            }
            double readModelSeconds = (System.nanoTime() - start) / 1e9;

            long again = System.nanoTime();
            Api.Response second = api.post("/api/lighting/imports", "text/csv", file);
            JsonNode secondReport = awaitCompleted(api, second);
            double reimportSeconds = (System.nanoTime() - again) / 1e9;

            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            long rssMb = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(-1) / 1024;
            System.out.printf(Locale.ROOT, "%n=== Inventory import benchmark (%d cores) ===%n", runtime.availableProcessors());
            System.out.printf(Locale.ROOT, "file: %d rows, %.1f MB%n", POINTS, file.length / 1e6);
            System.out.printf(Locale.ROOT, "import completed: %.1f s (%.0f rows/s), %d registered, %d rejected%n",
                    importSeconds, POINTS / importSeconds, report.path("registeredRows").asInt(), report.path("rejectedRows").asInt());
            System.out.printf(Locale.ROOT, "read model caught up: %.1f s after upload%n", readModelSeconds);
            System.out.printf(Locale.ROOT, "same file again: %.1f s, %d unchanged, %d registered%n", reimportSeconds,
                    secondReport.path("unchangedRows").asInt(), secondReport.path("registeredRows").asInt());
            System.out.printf(Locale.ROOT, "events stored: %d%n",
                    jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class));
            System.out.printf(Locale.ROOT, "JVM heap used after GC: %d MB; process RSS: %d MB; uptime %d s%n", heapMb, rssMb,
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
            assertThat(report.path("registeredRows").asInt()).isEqualTo(POINTS);
            assertThat(secondReport.path("unchangedRows").asInt()).isEqualTo(POINTS);
        }
    }
}
