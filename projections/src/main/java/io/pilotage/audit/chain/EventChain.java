package io.pilotage.audit.chain;

import io.pilotage.audit.AuditQueries.BreakKind;
import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.FindChainHead;
import io.pilotage.audit.AuditQueries.ChainBreak;
import io.pilotage.audit.AuditQueries.ChainVerification;
import io.pilotage.audit.AuditQueries.VerifyEventChain;
import io.pilotage.audit.ChainLink;
import io.pilotage.audit.StoredEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import io.pilotage.shared.EventHorizon;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the event store into the chain of {@link ChainLink}s, and verifies it.
 *
 * <p>The sealer trails the appends, never inside the write path: every second it links the events above the
 * chain's head, in global order, in batches, never past the event store's horizon ({@link EventHorizon}): below it no lower
 * index is still to come, so it never seals past a gap that would later fill. One node seals at a time (a transaction-scoped advisory lock); the
 * others skip their turn.
 *
 * <p>It reads rows with SQL, not through Axon: the link covers the bytes as stored, and an event no handler could
 * deserialize is sealed like any other.
 */
@Component
public class EventChain {

    private static final Logger LOG = LoggerFactory.getLogger(EventChain.class);
    /** Arbitrary but fixed, and distinct from the appends' lock: one sealer per deployment. */
    static final long SEAL_LOCK_KEY = 0x617564697463686EL;
    static final int BATCH = 1_000;
    private static final String ROW_COLUMNS = """
            globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
            payloadrevision, payload, metadata""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final EventHorizon horizon;

    public EventChain(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, EventHorizon horizon) {
        this.jdbc = jdbc;
        this.horizon = horizon;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    /** Seals every event visible now; returns how many were linked (0 when another node holds the sealer's lock). */
    @Scheduled(initialDelayString = "${pilotage.audit.seal-interval:PT1S}", fixedDelayString = "${pilotage.audit.seal-interval:PT1S}")
    public long seal() {
        long sealed = 0;
        while (true) {
            Integer linked = transactions.execute(status -> sealBatch());
            if (linked == null || linked == 0) {
                return sealed;
            }
            sealed += linked;
            if (linked < BATCH) {
                return sealed;
            }
        }
    }

    private int sealBatch() {
        Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, SEAL_LOCK_KEY);
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        Head head = head();
        long upTo = horizon.current();
        List<StoredEvent> events = jdbc.query("SELECT " + ROW_COLUMNS + " FROM domainevententry WHERE globalindex > ? AND globalindex <= ?"
                        + " ORDER BY globalindex LIMIT ?", (rs, row) -> stored(rs, 1), head.position(), upTo, BATCH);
        byte[] link = head.link();
        List<Object[]> links = new ArrayList<>(events.size());
        Timestamp now = Timestamp.from(clock.instant());
        for (StoredEvent event : events) {
            link = ChainLink.next(link, event);
            links.add(new Object[] {event.position(), event.eventIdentifier(), link, now, recordedAt(event, now)});
        }
        jdbc.batchUpdate("INSERT INTO audit_chain_link (global_index, event_identifier, link, sealed_at, recorded_at) VALUES (?, ?, ?, ?, ?)", links);
        if (!events.isEmpty()) {
            LOG.debug("Sealed {} events up to position {}", events.size(), events.get(events.size() - 1).position());
        }
        return events.size();
    }

    /** The event's own timestamp; a row whose timestamp cannot be read (written behind our back) counts as sealed now. */
    private static Timestamp recordedAt(StoredEvent event, Timestamp now) {
        try {
            return Timestamp.from(Instant.parse(event.timestamp()));
        } catch (RuntimeException unreadable) {
            return now;
        }
    }

    @QueryHandler
    public Optional<ChainHead> handle(FindChainHead query) {
        String sql = "SELECT global_index, link, recorded_at FROM audit_chain_link"
                + (query.asOf() == null ? " ORDER BY global_index DESC LIMIT 1" : " WHERE recorded_at < ? ORDER BY recorded_at DESC, global_index DESC LIMIT 1");
        Object[] args = query.asOf() == null ? new Object[0] : new Object[] {Timestamp.from(query.asOf())};
        return jdbc.query(sql, (rs, row) -> new ChainHead(rs.getLong(1), ChainLink.hex(rs.getBytes(2)),
                rs.getTimestamp(3).toInstant()), args).stream().findFirst();
    }

    private record Head(long position, byte[] link) {
    }

    private Head head() {
        return jdbc.query("SELECT global_index, link FROM audit_chain_link ORDER BY global_index DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(-1, ChainLink.genesis()));
    }

    /**
     * Walks the event store and the chain side by side up to the head, in one consistent snapshot, and recomputes
     * each link from its row and the previous recorded link. Each break is reported at its own position, so one
     * altered row does not hide a deletion further on.
     */
    @QueryHandler
    public ChainVerification handle(VerifyEventChain query) {
        return readOnly.execute(status -> verify());
    }

    private ChainVerification verify() {
        Head head = head();
        Walk walk = new Walk();
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(BATCH);
        streaming.query("""
                SELECT coalesce(e.globalindex, c.global_index) AS position, e.eventidentifier, e.aggregateidentifier,
                       e.sequencenumber, e.type, e.timestamp, e.payloadtype, e.payloadrevision, e.payload, e.metadata,
                       c.link
                FROM domainevententry e FULL OUTER JOIN audit_chain_link c ON c.global_index = e.globalindex
                WHERE coalesce(e.globalindex, c.global_index) <= ?
                ORDER BY 1""", walk, head.position());
        long unsealed = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex > ?", Long.class, head.position());
        return new ChainVerification(walk.count == 0, head.position(), head.position() < 0 ? null : ChainLink.hex(head.link()),
                walk.checked, unsealed, walk.count, List.copyOf(walk.breaks));
    }

    private static final class Walk implements RowCallbackHandler {
        private byte[] previous = ChainLink.genesis();
        private long checked;
        private long count;
        private final List<ChainBreak> breaks = new ArrayList<>();

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            long position = rs.getLong("position");
            byte[] recorded = rs.getBytes("link");
            checked++;
            if (rs.getString("eventidentifier") == null) {
                found(position, BreakKind.DELETED);
            } else if (recorded == null) {
                found(position, BreakKind.INSERTED);
                return;
            } else if (!Arrays.equals(ChainLink.next(previous, stored(rs, 1)), recorded)) {
                found(position, BreakKind.ALTERED);
            }
            previous = recorded;
        }

        private void found(long position, BreakKind kind) {
            count++;
            if (breaks.size() < ChainVerification.MAX_LISTED) {
                breaks.add(new ChainBreak(position, kind));
            }
        }
    }

    private static StoredEvent stored(ResultSet rs, int first) throws SQLException {
        return new StoredEvent(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 3),
                rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6), rs.getString(first + 7),
                rs.getBytes(first + 8), rs.getBytes(first + 9));
    }
}
