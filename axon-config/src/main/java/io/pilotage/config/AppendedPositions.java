package io.pilotage.config;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The position of the last event a write appended, so that its answer can carry it ({@code Pilotage-Position})
 * without asking PostgreSQL for the newest index afterwards: that question was one of the eight round trips of a
 * create (docs/performance.md, "The request path").
 * <p>
 * A write (an HTTP request that runs its commands on its own thread, as Axon's simple command bus does) opens a
 * note with {@link #begin()} and closes it with {@link #end()}. Meanwhile the event store's inserts ask PostgreSQL
 * for the indexes they draw ({@code RETURNING}, in the same round trip) and note the highest once the transaction
 * that holds them has committed (the outermost one: a filter or a template may hold the command's transaction open
 * after its unit of work ends): an index drawn by an append that rolled back is a gap, which no read model ever
 * passes. An append of more than {@value #MOST_KEYED} events is not asked for its indexes; the note then knows
 * nothing, and the write's answer falls back to the newest index. A keyed batch of several events is sent as
 * separate inserts (pgjdbc does not rewrite a batch that returns rows into one multi-row insert), still in one round
 * trip.
 */
final class AppendedPositions {

    /** Appends larger than this are not keyed: pgjdbc sends a batch that returns rows in smaller pieces. */
    static final int MOST_KEYED = 64;

    /** What {@link #drawn} answers when this thread takes no note. */
    static final long NOTHING = -1;
    private static final long UNKNOWN = -2;
    private static final ThreadLocal<long[]> NOTE = new ThreadLocal<>();

    private AppendedPositions() {
    }

    /** Starts noting this thread's appends. */
    static void begin() {
        NOTE.set(new long[] {NOTHING});
    }

    /**
     * Stops noting, and answers the position of the last event appended since {@link #begin()}: empty when none
     * was, or when one append was not keyed (the caller then asks for the newest index).
     */
    static OptionalLong end() {
        long[] note = NOTE.get();
        NOTE.remove();
        return note == null || note[0] < 0 ? OptionalLong.empty() : OptionalLong.of(note[0]);
    }

    /** Whether an append of this many events on this thread should ask for the indexes it draws. */
    static boolean keyed(int events) {
        return NOTE.get() != null && events <= MOST_KEYED;
    }

    /**
     * After an append's batch ran, inside its transaction: the highest index it drew, or a mark that says it is not
     * known (the append was not keyed, or its keys could not be read: the write itself stands); nothing when this
     * thread takes no note.
     */
    static long drawn(PreparedStatement statement, int events) {
        if (NOTE.get() == null) {
            return NOTHING;
        }
        if (!keyed(events)) {
            return UNKNOWN;
        }
        long last = UNKNOWN;
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next()) {
                last = Math.max(last, keys.getLong(1));
            }
        } catch (SQLException unreadable) {
            return UNKNOWN;
        }
        return last;
    }

    /**
     * After the append's statement returned: notes what it drew once the transaction around it commits, the
     * outermost Spring transaction when there is one; at once when there is none (the append's own transaction has
     * committed by then).
     */
    static void appended(long drawn) {
        long[] note = NOTE.get();
        if (note == null || drawn == NOTHING) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    note(note, drawn);
                }
            });
        } else {
            note(note, drawn);
        }
    }

    private static void note(long[] note, long drawn) {
        note[0] = note[0] == UNKNOWN || drawn == UNKNOWN ? UNKNOWN : Math.max(note[0], drawn);
    }
}
