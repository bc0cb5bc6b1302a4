package io.pilotage.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.audit.AuditQueries.BreakKind;
import io.pilotage.audit.AuditQueries.ChainBreak;
import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.FindChainHead;
import io.pilotage.audit.AuditQueries.ChainVerification;
import io.pilotage.audit.AuditQueries.VerifyEventChain;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The chain seals what the store holds and names the position of each change made behind the application's back
 * with SQL: an altered payload, a deleted row, a row inserted below the head.
 */
class EventChainTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static JdbcTemplate jdbc;
    EventChain chain;

    /** Connections of their own (the extension's single connection cannot serve two sealers at once). */
    @BeforeAll
    static void eventStore() {
        String url = ((SingleConnectionDataSource) database.jdbc().getDataSource()).getUrl();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        jdbc.execute("""
                CREATE TABLE domainevententry (
                    globalindex BIGSERIAL NOT NULL PRIMARY KEY, aggregateidentifier VARCHAR(255) NOT NULL,
                    sequencenumber BIGINT NOT NULL, type VARCHAR(255), eventidentifier VARCHAR(255) NOT NULL UNIQUE,
                    metadata BYTEA, payload BYTEA NOT NULL, payloadrevision VARCHAR(255), payloadtype VARCHAR(255) NOT NULL,
                    timestamp VARCHAR(255) NOT NULL)""");
    }

    /** The event store's horizon as the test sets it; null means every stored event is decided. */
    private Long horizon;

    private long newestIndex() {
        return horizon != null ? horizon : jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
    }

    @Test
    void givenAnAppendStillInFlightBelowTheNewestEvent_whenSealing_thenTheChainStopsAtTheHorizonAndGoesOnOnceItRises() {
        append(10);
        horizon = 6L;

        assertThat(chain.seal()).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT max(global_index) FROM audit_chain_link", Long.class)).isEqualTo(6);

        horizon = null;
        assertThat(chain.seal()).isEqualTo(4);
        assertThat(verify().intact()).isTrue();
    }

    @BeforeEach
    void emptyStore() {
        horizon = null;
        jdbc.execute("TRUNCATE domainevententry, audit_chain_link RESTART IDENTITY");
        chain = new EventChain(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), Clock.systemUTC(), this::newestIndex);
    }

    private static void append(int count) {
        for (int i = 0; i < count; i++) {
            long next = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            jdbc.update("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                        payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, 'LightPoint', gen_random_uuid()::text, ?, ?, '1', 'io.pilotage.lighting.LightPointEvent$LampFailed', now()::text)""",
                    "LP-" + (next % 7), next, "{\"actorId\":\"operator\"}".getBytes(StandardCharsets.UTF_8),
                    ("{\"kind\":\"supplyLoss\",\"n\":" + next + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private ChainVerification verify() {
        return chain.handle(new VerifyEventChain());
    }

    @Test
    void givenAnEmptyStore_whenVerified_thenIntactWithNoHead() {
        ChainVerification verification = verify();

        assertThat(verification.intact()).isTrue();
        assertThat(verification.head()).isEqualTo(-1);
        assertThat(verification.checked()).isZero();
    }

    @Test
    void givenSealedEvents_whenTheHeadIsAskedAsOfAnInstant_thenTheLinkOfTheLastEventRecordedBeforeItIsGiven() {
        append(4);
        jdbc.update("UPDATE domainevententry SET timestamp = '2026-03-0' || globalindex || 'T10:00:00Z'");
        chain.seal();
        String head = verify().headLink();

        ChainHead asOfThirdDay = chain.handle(new FindChainHead(Instant.parse("2026-03-03T10:00:00Z"))).orElseThrow();
        ChainHead latest = chain.handle(new FindChainHead(null)).orElseThrow();

        assertThat(asOfThirdDay.position()).isEqualTo(2);
        assertThat(asOfThirdDay.recordedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(asOfThirdDay.link()).hasSize(64).isNotEqualTo(head);
        assertThat(latest.position()).isEqualTo(4);
        assertThat(latest.link()).isEqualTo(head);
        assertThat(chain.handle(new FindChainHead(Instant.parse("2026-03-01T10:00:00Z")))).isEmpty();
    }

    @Test
    void givenMoreEventsThanOneBatch_whenSealed_thenEveryEventIsLinkedAndTheChainIsIntact() {
        append(EventChain.BATCH + 250);

        assertThat(chain.seal()).isEqualTo(EventChain.BATCH + 250);
        ChainVerification verification = verify();

        assertThat(verification.intact()).isTrue();
        assertThat(verification.checked()).isEqualTo(EventChain.BATCH + 250);
        assertThat(verification.head()).isEqualTo(EventChain.BATCH + 250);
        assertThat(verification.headLink()).hasSize(64);
        assertThat(verification.unsealed()).isZero();
    }

    @Test
    void givenEventsAppendedAfterSealing_thenTheyAreUnsealedUntilTheNextSeal_andTheChainGoesOnFromItsHead() {
        append(5);
        chain.seal();
        String firstHead = verify().headLink();
        append(3);

        assertThat(verify().unsealed()).isEqualTo(3);
        assertThat(chain.seal()).isEqualTo(3);
        ChainVerification verification = verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.head()).isEqualTo(8);
        assertThat(verification.headLink()).isNotEqualTo(firstHead);
    }

    @Test
    void givenAPayloadAlteredWithSql_whenVerified_thenItsPositionIsNamedAsAltered() {
        append(20);
        chain.seal();

        jdbc.update("UPDATE domainevententry SET payload = convert_to('{\"kind\":\"vandalism\",\"n\":7}', 'UTF8') WHERE globalindex = 8");
        ChainVerification verification = verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.breaks()).containsExactly(new ChainBreak(8, BreakKind.ALTERED));
    }

    @Test
    void givenMetadataAlteredWithSql_whenVerified_thenItsPositionIsNamedAsAltered() {
        append(10);
        chain.seal();

        jdbc.update("UPDATE domainevententry SET metadata = convert_to('{\"actorId\":\"someone-else\"}', 'UTF8') WHERE globalindex = 3");

        assertThat(verify().breaks()).containsExactly(new ChainBreak(3, BreakKind.ALTERED));
    }

    @Test
    void givenARowDeletedWithSql_whenVerified_thenItsPositionIsNamedAsDeleted() {
        append(20);
        chain.seal();

        jdbc.update("DELETE FROM domainevententry WHERE globalindex = 12");

        assertThat(verify().breaks()).containsExactly(new ChainBreak(12, BreakKind.DELETED));
    }

    @Test
    void givenARowInsertedBelowTheHeadWithSql_whenVerified_thenItsPositionIsNamedAsInserted() {
        append(20);
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = 15");
        chain.seal();

        jdbc.update("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (15, 'LP-FORGED', 0, 'LightPoint', 'forged', NULL, convert_to('{}', 'UTF8'), '1', 'Forged', now()::text)""");

        assertThat(verify().breaks()).containsExactly(new ChainBreak(15, BreakKind.INSERTED));
    }

    @Test
    void givenSeveralChangesAtOnce_whenVerified_thenEachIsNamedInPositionOrder() {
        append(30);
        chain.seal();

        jdbc.update("DELETE FROM domainevententry WHERE globalindex = 20");
        jdbc.update("UPDATE domainevententry SET timestamp = '2020-01-01T00:00:00Z' WHERE globalindex = 5");
        ChainVerification verification = verify();

        assertThat(verification.breakCount()).isEqualTo(2);
        assertThat(verification.firstBreak()).isEqualTo(new ChainBreak(5, BreakKind.ALTERED));
        assertThat(verification.breaks()).containsExactly(new ChainBreak(5, BreakKind.ALTERED), new ChainBreak(20, BreakKind.DELETED));
    }

    @Test
    void givenTwoSealersAtOnce_thenEachEventIsLinkedOnce_andTheChainIsIntact() throws Exception {
        append(300);
        EventChain other = new EventChain(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), Clock.systemUTC(), this::newestIndex);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> sealed = pool.invokeAll(List.<Callable<Long>>of(chain::seal, other::seal));
            long total = sealed.get(0).get() + sealed.get(1).get();
            assertThat(total).isEqualTo(300);
        } finally {
            pool.shutdownNow();
        }

        assertThat(verify().intact()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain_link", Long.class)).isEqualTo(300);
    }
}
