package io.pilotage.shared;

import org.axonframework.eventhandling.TrackingToken;

/**
 * The global position of the event being handled. Read models that keep versions by position (to skip an event
 * delivered again, and to tell an auditor which events a figure comes from) need a streaming processor: without a
 * position they cannot tell a redelivery from a new event, so they refuse to guess.
 */
public final class EventPosition {

    private EventPosition() {
    }

    public static long of(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("No tracking token: this read model needs a streaming event processor");
        }
        return token.position().orElseThrow(() -> new IllegalStateException("The tracking token has no position: " + token));
    }
}
