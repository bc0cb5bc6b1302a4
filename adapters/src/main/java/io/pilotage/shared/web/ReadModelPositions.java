package io.pilotage.shared.web;

import java.util.OptionalLong;

/**
 * Where the event store and the read models stand, as global positions in the event stream. Behind an
 * interface because answering needs Axon's event store, processors and token table, which the edge does
 * not touch.
 */
public interface ReadModelPositions {

    /** The position of the newest stored event; empty while the store holds none. */
    OptionalLong head();

    /** Starts a write on this thread, for {@link #endWrite()}. */
    default void beginWrite() {
    }

    /**
     * Ends the write begun on this thread (called however it ends), and answers the position of the last event it
     * appended, when the store could tell; empty otherwise, and the write's answer then carries the {@link #head()}.
     */
    default OptionalLong endWrite() {
        return OptionalLong.empty();
    }

    /**
     * Whether every read model that answers queries has applied every event up to this position, on every
     * segment of its processor. Processors that only send commands (policies) are not waited for.
     */
    boolean reached(long position);
}
