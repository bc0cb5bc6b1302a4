package io.pilotage.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded PostgreSQL 17 when no datasource URL is configured, so that a fresh clone runs with
 * one command. The data directory survives restarts; {@code SPRING_DATASOURCE_URL} switches to a real
 * server and this class then does nothing.
 *
 * <p>It runs as an environment post-processor, before any bean exists, so that Flyway, the connection
 * pool and Axon see an ordinary {@code spring.datasource.url} and need no special case.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "pilotage.embedded-postgres.enabled";
    static final String DATA_DIR = "pilotage.embedded-postgres.data-dir";
    static final String PORT = "pilotage.embedded-postgres.port";
    static final String FSYNC = "pilotage.embedded-postgres.fsync";
    static final String ACTIVE_DATA_DIR = "pilotage.embedded-postgres.active-data-dir";

    /** One server per data directory and JVM: test contexts and restarts of a context share it. */
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

    private final Log log;

    public EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configuredUrl = environment.getProperty("spring.datasource.url");
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            return;
        }
        if (!environment.getProperty(ENABLED, Boolean.class, true)) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty(DATA_DIR, "data/postgres")).toAbsolutePath().normalize();
        int port = environment.getProperty(PORT, Integer.class, 0);
        boolean fsync = environment.getProperty(FSYNC, Boolean.class, true);
        EmbeddedPostgres server = SERVERS.computeIfAbsent(dataDir, dir -> start(dir, port, fsync));
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                ACTIVE_DATA_DIR, dataDir.toString())));
    }

    /**
     * Stops the server of a data directory; the next context that asks for it starts it again on the same
     * data. Called when the application context closes, after the connection pool is gone.
     */
    static void stop(Path dataDir) {
        EmbeddedPostgres server = SERVERS.remove(dataDir);
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL in " + dataDir, e);
            }
        }
    }

    private EmbeddedPostgres start(Path dataDir, int port, boolean fsync) {
        try {
            Files.createDirectories(dataDir);
            stopOrphanedServer(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", fsync ? "on" : "off")
                    .setServerConfig("synchronous_commit", fsync ? "on" : "off")
                    .setServerConfig("full_page_writes", fsync ? "on" : "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            log.info("Embedded PostgreSQL listening on localhost:" + server.getPort() + ", data in " + dataDir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * A JVM killed without its shutdown hooks leaves its postgres running on the data directory, and the
     * next start would fail on the lock file. Such a server has no client left, so it is stopped here.
     */
    private void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !Path.of(lines.get(1)).toAbsolutePath().normalize().equals(dataDir)) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping the PostgreSQL (pid " + orphan.get().pid() + ") left running on " + dataDir + " by a previous run");
        orphan.get().destroy();
        orphan.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}
