package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.IntegrationTest;
import io.pilotage.TestCommands;
import io.pilotage.TestIds;
import io.pilotage.TestMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fence that keeps readers below an open append is put up by the insert itself, before it draws a global index,
 * whatever path the insert takes: a statement-level trigger on the event table, not a statement of its own that
 * every appender must remember to send first (and that cost every append a round trip). Each plain insert here is
 * rolled back, so no reader of the shared test database ever sees it. A command's resource-id claims come before its
 * insert, so a claim that waits for another transaction does not hold the readers back meanwhile.
 */
@IntegrationTest
class AppendFenceTest {

    private static final String INSERT_INTO = "INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, "
            + "eventidentifier, payload, payloadtype, timestamp) ";
    private static final String INSERT = INSERT_INTO + "VALUES (?, 0, 'Test', ?, '\\x7b7d'::bytea, 'test.Fence', '2026-12-02T00:00:00Z') "
            + "RETURNING globalindex";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CommandGateway commands;

    @Test
    void givenAPlainInsertLeftOpen_whenReadersAskForTheHorizon_thenItStaysBelowTheInsertedIndexUntilTheInsertEnds() throws Exception {
        long[] held = new long[1];
        long later;
        try (Open open = new Open(status -> held[0] = insert())) {
            // A later insert draws a higher index; while the first stays open, neither shows.
            later = insertAndHold(() -> assertThat(horizon()).isLessThan(held[0]));
            assertThat(later).isGreaterThan(held[0]);
            assertThat(horizon()).isLessThan(held[0]);
        }
        // Other tests' appends may hold fences of their own for a moment.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(horizon()).isGreaterThanOrEqualTo(later));
    }

    @Test
    void givenAMultiRowInsert_whenItIsOpen_thenItHoldsOneFenceBelowItsFirstIndex() throws Exception {
        List<Long> held = new CopyOnWriteArrayList<>();
        try (Open open = new Open(status -> {
            String id = TestIds.next("FENCE");
            held.addAll(jdbc.queryForList(INSERT_INTO + "SELECT ?, n, 'Test', ? || n, '\\x7b7d'::bytea, 'test.Fence', "
                    + "'2026-12-02T00:00:00Z' FROM generate_series(0, 4) AS n RETURNING globalindex", Long.class, id, id + "-event-"));
        })) {
            assertThat(held).hasSize(5);
            assertThat(fencesOf(open.backend())).isEqualTo(1);
            assertThat(horizon()).isLessThan(held.stream().mapToLong(Long::longValue).min().orElseThrow());
        }
    }

    @Test
    void givenSeveralInsertsInOneTransaction_whenItIsOpen_thenTheFirstInsertsFenceHoldsForAllAndNoOtherIsPutUp() throws Exception {
        List<Long> held = new CopyOnWriteArrayList<>();
        try (Open open = new Open(status -> {
            for (int i = 0; i < 3; i++) {
                held.add(insert());
            }
        })) {
            assertThat(fencesOf(open.backend())).isEqualTo(1);
            assertThat(horizon()).isLessThan(held.get(0));
        }
    }

    @Test
    void givenAnInsertRolledBackToASavepoint_whenTheTransactionInsertsAgain_thenTheNewInsertIsFenced() throws Exception {
        long[] held = new long[1];
        try (Open open = new Open(status -> {
            Object savepoint = status.createSavepoint();
            insert();
            status.rollbackToSavepoint(savepoint);
            held[0] = insert();
        })) {
            assertThat(horizon()).isLessThan(held[0]);
        }
    }

    @Test
    void givenAClaimWaitingForAnotherTransactionsRow_whenReadersAskForTheHorizon_thenTheWaitingCommandHoldsNoFence() throws Exception {
        String cabinet = TestIds.next("CAB");
        String point = TestIds.next("LP");
        CompletableFuture<Object> registering;
        try (Open rival = new Open(status -> jdbc.update("INSERT INTO resource_id (id, kind) VALUES (?, 'Cabinet')", cabinet))) {
            registering = CompletableFuture.supplyAsync(() -> commands.sendAndWait(
                    TestCommands.registerLightPoint(point, cabinet, Instant.parse("2026-12-02T02:00:00Z")), TestMetaData.from("test")));
            int waiting = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("SELECT pid FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO resource_id%unnest%'",
                    Integer.class), pids -> pids.size() == 1).get(0);

            assertThat(fencesOf(waiting)).as("fences held by the command waiting for its claim").isZero();
        }
        registering.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, point)).isEqualTo(1);
    }

    /**
     * Work done in a transaction on a thread of its own, which stays open once the work is done (the constructor
     * returns then) and is rolled back on {@link #close()}, so that nothing it wrote is ever seen.
     */
    private final class Open implements AutoCloseable {

        private final CompletableFuture<Integer> done = new CompletableFuture<>();
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> transaction;

        Open(Consumer<TransactionStatus> work) throws Exception {
            transaction = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
                work.accept(status);
                done.complete(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class));
                hold(release);
                status.setRollbackOnly();
            }));
            transaction.whenComplete((ended, failed) -> {
                if (failed != null) {
                    done.completeExceptionally(failed);
                }
            });
            try {
                done.get(30, TimeUnit.SECONDS);
            } catch (Exception notDone) {
                release.countDown();
                throw notDone;
            }
        }

        /** The PostgreSQL backend the transaction runs on. */
        int backend() {
            return done.join();
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            transaction.get(30, TimeUnit.SECONDS);
        }
    }

    /** Inserts a plain row (no fence of its own asked for) in the current transaction; its global index. */
    private long insert() {
        String id = TestIds.next("FENCE");
        return jdbc.queryForObject(INSERT, Long.class, id, id + "-event");
    }

    /** Inserts a row in a transaction of its own, runs {@code whileOpen} with it inserted, rolls it back; its index. */
    private long insertAndHold(Runnable whileOpen) {
        return transactions.execute(status -> {
            long index = insert();
            whileOpen.run();
            status.setRollbackOnly();
            return index;
        });
    }

    private long fencesOf(int backend) {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 "
                + "AND (classid::bigint >> 16) = x'7069'::bigint AND pid = ?", Long.class, backend);
    }

    private long horizon() {
        return jdbc.queryForObject("SELECT pilotage_event_horizon()", Long.class);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
