package io.pilotage.shared;

import java.util.Collection;
import java.util.Set;

/** Which aggregate streams exist already, asked for many ids at once (the application answers it from the event store). */
@FunctionalInterface
public interface EventStreams {

    /** The ids among these that already have events. */
    Set<String> existing(Collection<String> aggregateIds);
}
