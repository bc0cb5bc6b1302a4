package io.pilotage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Real PostgreSQL for read-model tests, without Spring: each test class gets a schema of its own, created
 * by this module's Flyway migrations (the same files the application runs), and dropped afterwards. A
 * read-model migration may delete its processor's token to make it rebuild by replay; Axon's token table
 * belongs to axon-config's V1, so the schema starts as version 1 with an empty table of that name.
 * Register it with {@code @RegisterExtension static final ReadModelDatabase database = new ReadModelDatabase();}.
 *
 * <p>One embedded server serves the whole test JVM: starting PostgreSQL takes seconds, a schema milliseconds.
 */
public final class ReadModelDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private String schema;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = "read_models_" + SCHEMAS.incrementAndGet();
        String url = Server.INSTANCE.getJdbcUrl("postgres", "postgres");
        new JdbcTemplate(Server.INSTANCE.getPostgresDatabase()).execute("""
                CREATE SCHEMA %1$s;
                CREATE TABLE %1$s.tokenentry (processorname VARCHAR(255) NOT NULL, segment INTEGER NOT NULL,
                    PRIMARY KEY (processorname, segment))""".formatted(schema));
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .schemas(schema)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        dataSource = new SingleConnectionDataSource(url + "&currentSchema=" + schema, "postgres", "", true);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        dataSource.destroy();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The schema's single connection, for a test that runs its statements in transactions of its own. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Empties every read-model table, for tests that need to start from nothing. */
    public void truncate() {
        List<String> tables = readModelTables();
        if (!tables.isEmpty()) {
            jdbc.execute("TRUNCATE " + String.join(", ", tables));
        }
    }

    /**
     * Every row of every read-model table, in a stable order: what two replays are compared on.
     * Rows are sorted on all their columns, so the comparison never depends on insertion order.
     */
    public Map<String, List<Map<String, Object>>> rows() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : readModelTables()) {
            Integer columns = jdbc.queryForObject("""
                    SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = ?""",
                    Integer.class, schema, table);
            String orderBy = IntStream.rangeClosed(1, columns).mapToObj(Integer::toString).collect(Collectors.joining(", "));
            List<Map<String, Object>> tableRows = jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + orderBy);
            // Arrays come back as driver objects equal only to themselves: compare their elements.
            tableRows.forEach(row -> row.replaceAll((column, value) -> {
                try {
                    return value instanceof java.sql.Array array ? java.util.Arrays.asList((Object[]) array.getArray()) : value;
                } catch (java.sql.SQLException unreadable) {
                    throw new IllegalStateException(unreadable);
                }
            }));
            rows.put(table, tableRows);
        }
        return rows;
    }

    private List<String> readModelTables() {
        return jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = ? AND table_name LIKE 'rm\\_%' ORDER BY table_name""", String.class, schema);
    }

    /** Started on first use, stopped by the JVM's shutdown hook that the embedded server registers. */
    private static final class Server {

        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for read-model tests", e);
            }
        }
    }
}
