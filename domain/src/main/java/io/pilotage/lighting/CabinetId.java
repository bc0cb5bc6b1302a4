package io.pilotage.lighting;

import io.pilotage.shared.Identifiers;

/** Identifies a control cabinet: the switchgear and energy meter behind about 20 light points. */
public record CabinetId(String value) {

    public CabinetId {
        Identifiers.require(value, "cabinetId");
    }

    @Override
    public String toString() {
        return value;
    }
}
