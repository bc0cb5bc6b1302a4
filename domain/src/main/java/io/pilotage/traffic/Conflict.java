package io.pilotage.traffic;

import io.pilotage.shared.InvalidValue;

/** Two signal groups whose movements cross: they must never both show a movement-allowed state. Stored low first. */
public record Conflict(int first, int second) {

    public Conflict {
        SignalGroup.requireId(first, "conflicts.first");
        SignalGroup.requireId(second, "conflicts.second");
        InvalidValue.require(first != second, "conflicts", "a signal group cannot conflict with itself");
        if (first > second) {
            int swap = first;
            first = second;
            second = swap;
        }
    }

    public boolean involves(int group) {
        return first == group || second == group;
    }

    public int other(int group) {
        return first == group ? second : first;
    }
}
