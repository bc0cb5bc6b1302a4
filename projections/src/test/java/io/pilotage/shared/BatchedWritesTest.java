package io.pilotage.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
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

    @Test
    void givenNoUnitOfWork_whenAHandlerWrites_thenItWritesAtOnce() {
        write("group-a", "one");

        assertThat(flushed).containsExactly(List.of("one"));
    }

    @Test
    void givenABatch_whenHandlersWrite_thenTheirWritesGoTogetherWhenItCommits_andNotIfItRollsBack() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        write("group-b", "one");
        write("group-b", "two");
        assertThat(flushed).isEmpty();
        batch.commit();

        DefaultUnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
        write("group-b", "three");
        failing.rollback();

        assertThat(flushed).containsExactly(List.of("one", "two"));
    }

    @Test
    void givenAGroupWhoseBatchRolledBack_thenItWritesAtOnceForAWhile_thenGathersAgain() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        BatchedWrites.useClock(Clock.fixed(now, ZoneOffset.UTC));
        BatchedWrites.rolledBack("group-c");

        DefaultUnitOfWork<?> careful = DefaultUnitOfWork.startAndGet(null);
        write("group-c", "one");
        write("group-d", "another group");
        assertThat(flushed).containsExactly(List.of("one"));
        careful.commit();
        assertThat(BatchedWrites.careful("group-c")).isTrue();

        BatchedWrites.useClock(Clock.fixed(now.plus(BatchedWrites.CAREFUL_FOR), ZoneOffset.UTC));
        DefaultUnitOfWork<?> later = DefaultUnitOfWork.startAndGet(null);
        write("group-c", "two");
        write("group-c", "three");
        later.commit();

        assertThat(BatchedWrites.careful("group-c")).isFalse();
        assertThat(flushed).containsExactly(List.of("one"), List.of("another group"), List.of("two", "three"));
    }
}
