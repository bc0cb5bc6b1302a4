package io.pilotage.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchedWritesTest {

    private final List<List<String>> flushed = new ArrayList<>();

    @AfterEach
    void systemClock() {
        BatchedWrites.useClock(Clock.systemUTC());
    }

    private void write(String group, String value) {
        BatchedWrites.buffer(group, "test", ArrayList<String>::new, batch -> flushed.add(List.copyOf(batch)))
                .ifPresentOrElse(batch -> batch.add(value), () -> flushed.add(List.of(value)));
    }

    private static UnitOfWork<?> batch() {
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        return batch;
    }

    @Test
    void givenNoBatch_whenAHandlerWrites_thenItWritesAtOnce_asADeadLetterRetriedAloneDoes() {
        write("group-a", "one");
        DefaultUnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(null);
        write("group-a", "two");
        retry.commit();

        assertThat(flushed).containsExactly(List.of("one"), List.of("two"));
    }

    @Test
    void givenABatchThatTurnsCarefulHalfway_thenWhatItGatheredIsStillWrittenWhenItCommits() {
        UnitOfWork<?> batch = batch();
        write("group-e", "one");
        BatchedWrites.rolledBack("group-e");
        write("group-e", "two");
        batch.commit();

        assertThat(flushed).containsExactly(List.of("one", "two"));
    }

    @Test
    void givenABatch_whenHandlersWrite_thenTheirWritesGoTogetherWhenItCommits_andNotIfItRollsBack() {
        UnitOfWork<?> batch = batch();
        write("group-b", "one");
        write("group-b", "two");
        assertThat(flushed).isEmpty();
        batch.commit();

        UnitOfWork<?> failing = batch();
        write("group-b", "three");
        failing.rollback();

        assertThat(flushed).containsExactly(List.of("one", "two"));
    }

    @Test
    void givenAGroupWhoseBatchRolledBack_thenItWritesAtOnceForAWhile_thenGathersAgain() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        BatchedWrites.useClock(Clock.fixed(now, ZoneOffset.UTC));
        BatchedWrites.rolledBack("group-c");

        UnitOfWork<?> careful = batch();
        write("group-c", "one");
        write("group-d", "another group");
        assertThat(flushed).containsExactly(List.of("one"));
        careful.commit();
        assertThat(BatchedWrites.careful("group-c")).isTrue();

        BatchedWrites.useClock(Clock.fixed(now.plus(BatchedWrites.CAREFUL_FOR), ZoneOffset.UTC));
        UnitOfWork<?> later = batch();
        write("group-c", "two");
        write("group-c", "three");
        later.commit();

        assertThat(BatchedWrites.careful("group-c")).isFalse();
        assertThat(flushed).containsExactly(List.of("one"), List.of("another group"), List.of("two", "three"));
    }
}
