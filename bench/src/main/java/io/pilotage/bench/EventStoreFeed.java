package io.pilotage.bench;

import io.pilotage.audit.ChainLink;
import io.pilotage.audit.StoredEvent;
import io.pilotage.bench.CityHistory.CityEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Appends a city's history to a Pilotage event store with {@code COPY}, as if the application had written it:
 * rows in {@code domainevententry} after the last one (the global index continues, and its sequence is moved past
 * them), each event sealed into the audit chain ({@code audit_chain_link}, as the sealer would have done, so a
 * restarted application finds nothing to seal), and the ids claimed in {@code resource_id}. The application must be
 * stopped: the event table is locked against inserts while the rows go in. Events and links stream over two
 * connections at once, so the server builds both tables' indexes in parallel; both commit at the end, events first.
 *
 * <p>The store must not hold this city's streams yet: sequence numbers start at 0.
 */
public final class EventStoreFeed {

    /** What was written, with the history's own summary. */
    public record Result<S>(S history, long firstIndex, long lastIndex, long sealedBefore, double seconds) {
    }

    private static final Map<String, String> EVENT_COLUMNS = columns(
            "globalindex", "bigint", "aggregateidentifier", "character varying", "sequencenumber", "bigint",
            "type", "character varying", "eventidentifier", "character varying", "metadata", "bytea",
            "payload", "bytea", "payloadrevision", "character varying", "payloadtype", "character varying",
            "timestamp", "character varying");
    private static final Map<String, String> LINK_COLUMNS = columns(
            "global_index", "bigint", "event_identifier", "character varying", "link", "bytea",
            "sealed_at", "timestamp with time zone", "recorded_at", "timestamp with time zone");

    private final Connection events;
    private final Connection links;

    /** Two connections to the same database; they are left open. */
    public EventStoreFeed(Connection events, Connection links) {
        this.events = events;
        this.links = links;
    }

    public Result<CityHistory.Summary> append(CityHistory history, long count, boolean seal) throws SQLException {
        return append(sink -> history.replay(count, sink), seal);
    }

    /** Appends what {@code history} emits to the sink it is given, and returns what it says it emitted. */
    public <S> Result<S> append(java.util.function.Function<java.util.function.Consumer<CityHistory.CityEvent>, S> history, boolean seal)
            throws SQLException {
        long started = System.nanoTime();
        events.setAutoCommit(false);
        links.setAutoCommit(false);
        requireColumns(events, "domainevententry", EVENT_COLUMNS);
        boolean chained = seal && exists(events, "audit_chain_link");
        if (chained) {
            requireColumns(events, "audit_chain_link", LINK_COLUMNS);
        }
        try (Statement statement = events.createStatement()) {
            statement.execute("LOCK TABLE domainevententry IN SHARE ROW EXCLUSIVE MODE");
        }
        long head = single(events, "SELECT coalesce(max(globalindex), 0) FROM domainevententry");
        BinaryCopy eventRows = new BinaryCopy(events.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY domainevententry (" + String.join(", ", EVENT_COLUMNS.keySet()) + ") FROM STDIN (FORMAT binary)"));
        Instant sealedAt = Instant.now();
        Chain chain = chained ? new Chain(links, sealedAt, head) : null;
        long sealedBefore = chained ? chain.sealedBefore : 0;
        long[] index = {head};
        List<String[]> claims = new ArrayList<>();
        S summary = history.apply(event -> {
            StoredEvent row = StoredRows.row(++index[0], event);
            try {
                eventRows.row(10).int8(row.position()).text(row.aggregateIdentifier()).int8(row.sequenceNumber())
                        .text(row.aggregateType()).text(row.eventIdentifier()).bytes(row.metadata()).bytes(row.payload())
                        .text(row.payloadRevision()).text(row.payloadType()).text(row.timestamp());
                if (chain != null) {
                    chain.add(row, event.timestamp());
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            claim(event, claims);
        });
        eventRows.finish();
        if (chain != null) {
            chain.finish();
        }
        events.commit();
        links.commit();
        try (Statement statement = events.createStatement()) {
            statement.execute("SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'), "
                    + "greatest((SELECT max(globalindex) FROM domainevententry), 1))");
        }
        if (exists(events, "resource_id")) {
            claimIds(claims);
        }
        events.commit();
        return new Result<>(summary, head + 1, index[0], sealedBefore, (System.nanoTime() - started) / 1e9);
    }

    /** Runs VACUUM ANALYZE on the tables written, as after a bulk load. */
    public void vacuumAnalyze() throws SQLException {
        events.setAutoCommit(true);
        try (Statement statement = events.createStatement()) {
            statement.execute("VACUUM ANALYZE domainevententry");
            if (exists(events, "audit_chain_link")) {
                statement.execute("VACUUM ANALYZE audit_chain_link");
            }
        }
    }

    /** Each new stream's id, and each cabinet a registration names, as ResourceIds claims them. */
    private static void claim(CityEvent event, List<String[]> claims) {
        if (event.sequenceNumber() == 0) {
            claims.add(new String[] {event.aggregateId(), event.aggregateType()});
        }
        if (event.payload() instanceof io.pilotage.lighting.LightPointEvent.LightPointRegistered registered) {
            claims.add(new String[] {registered.cabinetId().value(), "Cabinet"});
        }
    }

    private void claimIds(List<String[]> claims) throws SQLException {
        try (Statement statement = events.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE bench_claim (id VARCHAR(255), kind VARCHAR(64)) ON COMMIT DROP");
        }
        BinaryCopy rows = new BinaryCopy(events.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY bench_claim (id, kind) FROM STDIN (FORMAT binary)"));
        for (String[] claim : claims) {
            rows.row(2).text(claim[0]).text(claim[1]);
        }
        rows.finish();
        try (Statement statement = events.createStatement()) {
            statement.execute("INSERT INTO resource_id (id, kind) SELECT DISTINCT ON (id) id, kind FROM bench_claim "
                    + "ON CONFLICT (id) DO NOTHING");
        }
    }

    /** The audit chain from its head: first the rows already stored but not sealed yet, then the new ones. */
    private static final class Chain {
        private final Instant sealedAt;
        private final BinaryCopy rows;
        private final long sealedBefore;
        private byte[] link;
        private long position;

        /** Starts from the chain's head, and first seals what the sealer had not reached when the application stopped. */
        Chain(Connection connection, Instant sealedAt, long head) throws SQLException {
            this.sealedAt = sealedAt;
            try (Statement statement = connection.createStatement();
                 ResultSet top = statement.executeQuery(
                         "SELECT global_index, link FROM audit_chain_link ORDER BY global_index DESC LIMIT 1")) {
                if (top.next()) {
                    position = top.getLong(1);
                    link = top.getBytes(2);
                } else {
                    position = -1;
                    link = ChainLink.genesis();
                }
            }
            List<StoredEvent> unsealed = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                           payloadrevision, payload, metadata
                    FROM domainevententry WHERE globalindex > ? AND globalindex <= ? ORDER BY globalindex""")) {
                query.setLong(1, position);
                query.setLong(2, head);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        unsealed.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9),
                                rs.getBytes(10)));
                    }
                }
            }
            rows = new BinaryCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY audit_chain_link (" + String.join(", ", LINK_COLUMNS.keySet()) + ") FROM STDIN (FORMAT binary)"));
            for (StoredEvent event : unsealed) {
                Instant recorded;
                try {
                    recorded = Instant.parse(event.timestamp());
                } catch (RuntimeException unreadable) {
                    recorded = sealedAt;
                }
                add(event, recorded);
            }
            sealedBefore = unsealed.size();
        }

        void add(StoredEvent event, Instant recordedAt) throws SQLException {
            link = ChainLink.next(link, event);
            position = event.position();
            rows.row(5).int8(event.position()).text(event.eventIdentifier()).bytes(link).timestamp(sealedAt)
                    .timestamp(recordedAt);
        }

        void finish() throws SQLException {
            rows.finish();
        }
    }

    private static Map<String, String> columns(String... nameThenType) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            columns.put(nameThenType[i], nameThenType[i + 1]);
        }
        return columns;
    }

    /** Binary COPY needs the exact types: a changed schema fails here, by name, rather than halfway through. */
    private static void requireColumns(Connection connection, String table, Map<String, String> expected) throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ?""")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        for (Map.Entry<String, String> column : expected.entrySet()) {
            if (!column.getValue().equals(actual.get(column.getKey()))) {
                throw new IllegalStateException(table + "." + column.getKey() + " is " + actual.get(column.getKey())
                        + ", the generator writes " + column.getValue() + ": update EventStoreFeed");
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
