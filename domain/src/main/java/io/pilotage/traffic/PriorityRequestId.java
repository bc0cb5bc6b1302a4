package io.pilotage.traffic;

import io.pilotage.shared.Identifiers;

/** A bus's priority request, under the id its on-board unit gives it (unique per vehicle and request). */
public record PriorityRequestId(String value) {

    public PriorityRequestId {
        Identifiers.require(value, "requestId");
    }

    @Override
    public String toString() {
        return value;
    }
}
