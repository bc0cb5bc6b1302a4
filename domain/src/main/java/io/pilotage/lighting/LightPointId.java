package io.pilotage.lighting;

import io.pilotage.shared.Identifiers;

/** Identifies a light point across the whole metropole, as printed on its column. */
public record LightPointId(String value) {

    public LightPointId {
        Identifiers.require(value, "lightPointId");
    }

    @Override
    public String toString() {
        return value;
    }
}
