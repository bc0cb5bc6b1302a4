package io.pilotage.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Read-model writes gathered over a processor's batch and written in one statement just before the batch's
 * transaction commits, with the token. A catch-up applies batches of 200 events: one multi-row statement per batch
 * instead of a statement (and a savepoint) per event is what lets a replay of a million events go at the speed of
 * deserializing them.
 * <p>
 * The price of a shared statement is that a row PostgreSQL refuses fails the whole batch, not one event. So a group
 * whose batch rolled back turns <em>careful</em> on this node for a while: no gathering and a savepoint per event handler, so the
 * retried batch finds the one event at fault and parks it in the group's dead-letter queue; then the group goes back
 * to gathering. A buffer once created serves the whole batch, careful or not, so that nothing gathered is skipped.
 * Outside a processor's batch (a dead letter retried on its own, a test without a unit of work) handlers write at
 * once.
 */
public final class BatchedWrites {

    /** How long a group stays careful after one of its batches rolled back. */
    public static final Duration CAREFUL_FOR = Duration.ofSeconds(60);

    private static final Map<String, Instant> CAREFUL_UNTIL = new ConcurrentHashMap<>();
    private static volatile Clock clock = Clock.systemUTC();

    private BatchedWrites() {
    }

    /**
     * The batch's buffer named {@code key} for a handler of {@code group}, created (and its flush registered to run
     * before the batch commits) on first use; empty when the handler must write at once: outside a unit of work, or
     * while the group is careful.
     */
    public static <B> Optional<B> buffer(String group, String key, Supplier<B> create, Consumer<B> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        String resource = "pilotage.batched-writes." + key;
        B existing = batch.getResource(resource);
        if (existing != null) {
            return Optional.of(existing);
        }
        if (!optimistic(group) || batch.phase() != UnitOfWork.Phase.STARTED) {
            return Optional.empty();
        }
        B buffer = create.get();
        batch.resources().put(resource, buffer);
        batch.onPrepareCommit(committing -> flush.accept(buffer));
        return Optional.of(buffer);
    }

    /**
     * Whether a handler of {@code group} may run without a savepoint and gather its writes: inside a processor's
     * batch, while the group is not careful. A dead letter retried on its own is handled carefully.
     */
    public static boolean optimistic(String group) {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork
                && !careful(group);
    }

    /**
     * Whether {@code group}'s handlers must each run under a savepoint and write at once: for a while after one of its
     * batches rolled back.
     */
    public static boolean careful(String group) {
        Instant until = CAREFUL_UNTIL.get(group);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        CAREFUL_UNTIL.remove(group, until);
        return false;
    }

    /** A batch of {@code group} rolled back: its next batches go event by event until {@link #CAREFUL_FOR} has passed. */
    public static void rolledBack(String group) {
        CAREFUL_UNTIL.put(group, clock.instant().plus(CAREFUL_FOR));
    }

    /**
     * One kind of row a read model gathers: {@link #add} puts a row in the batch's list, written with the others just
     * before the batch commits (or at once outside a batch, or while the group is careful); {@link #flush} writes what
     * the batch has gathered so far, before an event that reads or changes those rows.
     */
    public static final class Rows<T> {

        private final String group;
        private final String key;
        private final Consumer<List<T>> write;

        /** {@code write} receives the rows in the order they were added; never an empty list. */
        public Rows(String group, String key, Consumer<List<T>> write) {
            this.group = group;
            this.key = key;
            this.write = write;
        }

        public void add(T row) {
            buffer(group, key, ArrayList<T>::new, this::writeAll).ifPresentOrElse(rows -> rows.add(row),
                    () -> write.accept(List.of(row)));
        }

        public void flush() {
            buffer(group, key, ArrayList<T>::new, this::writeAll).ifPresent(this::writeAll);
        }

        private void writeAll(List<T> rows) {
            if (!rows.isEmpty()) {
                write.accept(List.copyOf(rows));
                rows.clear();
            }
        }
    }

    /** For tests that watch a group leave its careful period. */
    static void useClock(Clock testClock) {
        clock = testClock;
    }
}
