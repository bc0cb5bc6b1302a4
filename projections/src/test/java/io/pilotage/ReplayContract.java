package io.pilotage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every read model promises about replay, checked the same way for each: a history applied twice, after a
 * reset, or with every event delivered twice in a row leaves the rows it leaves once. A read model's test
 * extends this with its history, its feed and what the rows must hold after one pass.
 */
public abstract class ReplayContract {

    protected abstract ReadModelDatabase database();

    protected abstract EventFeed feed();

    /** A history that exercises every handler of the read model. */
    protected abstract List<Object> history();

    /** What one pass must have written, so that "the same rows" is never "no rows". */
    protected abstract void checkOnePass(Map<String, List<Map<String, Object>>> rows);

    @Test
    void givenAHistory_whenAppliedTwice_thenTheSameRows() {
        feed().apply(history());
        Map<String, List<Map<String, Object>>> once = database().rows();
        checkOnePass(once);

        feed().apply(history());

        assertThat(database().rows()).isEqualTo(once);
    }

    @Test
    void givenAHistory_whenResetAndReplayed_thenTheSameRows() {
        feed().apply(history());
        Map<String, List<Map<String, Object>>> once = database().rows();

        feed().reset();
        assertThat(database().rows()).allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
        feed().apply(history());

        assertThat(database().rows()).isEqualTo(once);
    }

    @Test
    void givenEveryEventDeliveredTwiceInARow_thenTheSameRowsAsOnce() {
        feed().apply(history());
        Map<String, List<Map<String, Object>>> once = database().rows();
        feed().reset();

        feed().apply(history().stream().flatMap(event -> List.of(event, event).stream()).toList());

        assertThat(database().rows()).isEqualTo(once);
    }

    /**
     * In a processor's batch a read model may gather its writes ({@code BatchedWrites}) and write them before the
     * batch commits: the rows are those of the events applied one by one, duplicates in the same batch included.
     */
    @Test
    void givenAHistory_whenAppliedInOneProcessorBatch_withEveryEventTwice_thenTheSameRowsAsOneByOne() {
        feed().apply(history());
        Map<String, List<Map<String, Object>>> oneByOne = database().rows();
        feed().reset();

        feed().applyInOneBatch(history().stream().flatMap(event -> List.of(event, event).stream()).toList(), () -> { });

        assertThat(database().rows()).isEqualTo(oneByOne);
    }
}
