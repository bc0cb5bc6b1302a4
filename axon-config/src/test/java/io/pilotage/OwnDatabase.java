package io.pilotage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A database of a test's own, for applications (nodes) the test starts itself, so that no other test's application
 * shares its event store or counts as a node: a fresh embedded server, or a fresh database on the
 * {@code SPRING_DATASOURCE_URL} server, dropped on close.
 */
public record OwnDatabase(String url, String user, String password, EmbeddedPostgres embedded, String adminUrl,
                          String name) implements AutoCloseable {

    public static OwnDatabase create(String purpose) throws IOException, SQLException {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        if (external == null || external.isBlank()) {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "100")
                    .start();
            return new OwnDatabase(server.getJdbcUrl("postgres", "postgres"), "postgres", "", server, null, null);
        }
        String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        String name = "pilotage_" + purpose + "_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(external, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        String url = external.replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + name);
        return new OwnDatabase(url, user, password, null, external, name);
    }

    /** Starts an application node on this database, on a free port, with further arguments ({@code --key=value}). */
    public ConfigurableApplicationContext startNode(String nodeId, String... arguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--spring.datasource.hikari.maximum-pool-size=10", "--pilotage.node.id=" + nodeId));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(PilotageApplication.class).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    @Override
    public void close() throws IOException, SQLException {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
