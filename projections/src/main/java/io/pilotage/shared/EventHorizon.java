package io.pilotage.shared;

/**
 * The highest global index at or below which every event is decided: committed and visible to a read that starts
 * after this is asked, or rolled back for good. A reader of the event store that must never pass an append still in
 * flight (the audit sealer) reads no further. The application answers it from the PostgreSQL event store.
 */
@FunctionalInterface
public interface EventHorizon {

    long current();
}
