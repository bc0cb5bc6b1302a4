package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.IntegrationTest;
import io.pilotage.TestCommands;
import io.pilotage.TestIds;
import io.pilotage.TestMetaData;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoints;
import io.pilotage.shared.web.ReadModelPositions;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A write's answer carries the position of the last event it appended, as its own insert returned it, not the newest
 * index read afterwards: only once its transaction has committed, and not at all when the insert was too large to
 * ask (the answer then falls back to the head, which is at or beyond it).
 */
@IntegrationTest
class AppendedPositionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    @Autowired
    ReadModelPositions positions;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void noNoteLeftOnTheThread() {
        positions.endWrite();
    }

    @Test
    void givenAWrite_whenAnotherThreadAppendsAfterIt_thenTheWriteAnswersItsOwnEventsPosition() throws Exception {
        String ours = TestIds.next("LP");
        String theirs = TestIds.next("LP");

        positions.beginWrite();
        register(ours, TestIds.next("CAB"));
        CompletableFuture.runAsync(() -> register(theirs, TestIds.next("CAB"))).get();
        OptionalLong answered = positions.endWrite();

        assertThat(answered).hasValue(position(ours));
        assertThat(position(theirs)).isGreaterThan(position(ours));
        assertThat(positions.head().orElseThrow()).isGreaterThanOrEqualTo(position(theirs));
    }

    @Test
    void givenAWriteWhoseTransactionRollsBackAfterItsInsert_thenNoPositionIsNoted() {
        String point = TestIds.next("LP");
        register(point, TestIds.next("CAB"));

        positions.beginWrite();
        // The new point names an existing point as its cabinet: its event is inserted, then the id claim refuses
        // the command and the transaction rolls back, leaving the index it drew a gap.
        assertThatThrownBy(() -> register(TestIds.next("LP"), point)).hasMessageContaining("IdNamesOneKindOfResource");

        assertThat(positions.endWrite()).isEmpty();
    }

    @Test
    void givenAWriteWhoseOuterTransactionRollsBackAfterItsCommand_thenNoPositionIsNoted() {
        positions.beginWrite();
        // The command's unit of work commits inside a transaction that a filter or template holds open, which then
        // rolls back: the index the insert drew is a gap.
        transactions.executeWithoutResult(transaction -> {
            register(TestIds.next("LP"), TestIds.next("CAB"));
            transaction.setRollbackOnly();
        });

        assertThat(positions.endWrite()).isEmpty();
    }

    @Test
    void givenABulkRegistration_thenItsLastEventsPosition_upToTheKeyedSize() {
        List<String> few = IntStream.range(0, 3).mapToObj(i -> TestIds.next("LP")).toList();
        List<String> many = IntStream.range(0, AppendedPositions.MOST_KEYED + 1).mapToObj(i -> TestIds.next("LP")).toList();

        positions.beginWrite();
        registerAll(few);
        OptionalLong fewAnswered = positions.endWrite();
        positions.beginWrite();
        registerAll(many);
        OptionalLong manyAnswered = positions.endWrite();

        assertThat(fewAnswered).hasValue(few.stream().mapToLong(this::position).max().orElseThrow());
        assertThat(manyAnswered).as("too large to ask for its indexes: the answer falls back to the head").isEmpty();
        assertThat(many.stream().mapToLong(this::position).min().orElseThrow())
                .isGreaterThan(few.stream().mapToLong(this::position).max().orElseThrow());
    }

    @Test
    void givenNoWriteBegun_thenAppendsNoteNothing() {
        register(TestIds.next("LP"), TestIds.next("CAB"));

        assertThat(positions.endWrite()).isEmpty();
    }

    private void register(String point, String cabinet) {
        commands.sendAndWait(TestCommands.registerLightPoint(point, cabinet, T0), TestMetaData.from("test"));
    }

    private void registerAll(List<String> points) {
        commands.sendAndWait(new RegisterLightPoints(points.stream()
                .map(point -> TestCommands.registerLightPoint(point, TestIds.next("CAB"), T0)).toList()), TestMetaData.from("test"));
    }


    private long position(String point) {
        return jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                Long.class, point);
    }
}
