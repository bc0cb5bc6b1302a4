package io.pilotage.traffic;

import io.pilotage.shared.Identifiers;

/** Identifies a signalised intersection and its controller, as the controller names itself in its reports. */
public record IntersectionId(String value) {

    public IntersectionId {
        Identifiers.require(value, "intersectionId");
    }

    @Override
    public String toString() {
        return value;
    }
}
